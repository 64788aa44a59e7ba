# Applies INSITU_SANITIZE (e.g. "address,undefined") to every target built after this point.
if(INSITU_SANITIZE)
    add_compile_options(-fsanitize=${INSITU_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${INSITU_SANITIZE})
endif()
