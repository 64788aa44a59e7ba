// Mp4Writer: libavcodec (libx264) + libavformat (mp4 muxer, faststart) + libswscale (BGR only).

#include "insitu/render/mp4_writer.h"

#include "insitu/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

namespace insitu {

namespace {

std::string averror(int code)
{
    std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
    av_strerror(code, text.data(), text.size());
    return text.data();
}

} // namespace

const std::vector<std::string>& x264PresetNames()
{
    static const std::vector<std::string> names{"ultrafast", "superfast", "veryfast", "faster",
                                                "fast",      "medium",    "slow",     "slower",
                                                "veryslow",  "placebo"};
    return names;
}

Mp4WriterOptions mp4WriterOptionsForPreset(const std::string& preset)
{
    const auto& names = x264PresetNames();
    if (std::find(names.begin(), names.end(), preset) == names.end()) {
        std::string list;
        for (const auto& name : names)
            list += (list.empty() ? "" : ", ") + name;
        throw Error("unknown x264 preset \"" + preset + "\" (use one of " + list + ")");
    }
    Mp4WriterOptions options;
    if (preset != options.preset) {
        options.preset = preset;
        options.x264Params.clear();
    }
    return options;
}

struct Mp4Writer::Impl
{
    std::filesystem::path path;
    cv::Size frameSize;
    cv::Size encodedSize;
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVStream* stream = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    SwsContext* sws = nullptr;
    cv::Mat padded;                          // frame padded to encodedSize
    std::array<std::uint8_t, 256> yOfGrey{}; // full-range grey → limited-range luma
    std::int64_t nextPts = 0;
    bool headerWritten = false;
    bool finished = false;

    [[noreturn]] void fail(const std::string& what, int code) const
    {
        throw Error(path.string() + ": " + what + " (" + averror(code) + ")");
    }
    void check(int code, const std::string& what) const
    {
        if (code < 0)
            fail(what, code);
    }

    ~Impl()
    {
        sws_freeContext(sws);
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&codec);
        if (format != nullptr) {
            if (format->pb != nullptr)
                avio_closep(&format->pb);
            avformat_free_context(format);
        }
    }

    void open(double fps, const Mp4WriterOptions& options)
    {
        const std::string name = path.string();
        check(avformat_alloc_output_context2(&format, nullptr, "mp4", name.c_str()),
              "cannot set up the MP4 container");
        const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
        if (h264 == nullptr)
            throw Error(name + ": FFmpeg has no libx264 encoder");
        stream = avformat_new_stream(format, nullptr);
        codec = avcodec_alloc_context3(h264);
        frame = av_frame_alloc();
        packet = av_packet_alloc();
        if (stream == nullptr || codec == nullptr || frame == nullptr || packet == nullptr)
            throw Error(name + ": out of memory opening the H.264 encoder");

        const AVRational rate = av_d2q(fps, 1000000);
        codec->width = encodedSize.width;
        codec->height = encodedSize.height;
        codec->pix_fmt = AV_PIX_FMT_YUV420P;
        codec->time_base = av_inv_q(rate);
        codec->framerate = rate;
        codec->color_range = AVCOL_RANGE_MPEG;
        codec->colorspace = AVCOL_SPC_SMPTE170M;
        codec->color_primaries = AVCOL_PRI_SMPTE170M;
        codec->color_trc = AVCOL_TRC_SMPTE170M;
        codec->thread_count =
            options.threads > 0
                ? options.threads
                : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
        codec->thread_type = FF_THREAD_FRAME;
        if (format->oformat->flags & AVFMT_GLOBALHEADER)
            codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        check(av_opt_set(codec->priv_data, "preset", options.preset.c_str(), 0),
              "unknown x264 preset \"" + options.preset + "\"");
        check(av_opt_set_double(codec->priv_data, "crf", options.crf, 0), "bad x264 crf");
        if (!options.x264Params.empty())
            check(av_opt_set(codec->priv_data, "x264-params", options.x264Params.c_str(), 0),
                  "bad x264 parameters \"" + options.x264Params + "\"");
        check(avcodec_open2(codec, h264, nullptr), "cannot open the H.264 encoder");
        check(avcodec_parameters_from_context(stream->codecpar, codec),
              "cannot describe the video stream");
        stream->time_base = codec->time_base;
        stream->avg_frame_rate = rate;
        stream->r_frame_rate = rate;

        check(avio_open(&format->pb, name.c_str(), AVIO_FLAG_WRITE), "cannot create the file");
        AVDictionary* muxerOptions = nullptr;
        av_dict_set(&muxerOptions, "movflags", "+faststart", 0);
        const int written = avformat_write_header(format, &muxerOptions);
        av_dict_free(&muxerOptions);
        check(written, "cannot write the MP4 header");
        headerWritten = true;

        frame->format = codec->pix_fmt;
        frame->width = codec->width;
        frame->height = codec->height;
        check(av_frame_get_buffer(frame, 0), "out of memory for a frame");
        for (int v = 0; v < 256; ++v)
            yOfGrey[static_cast<std::size_t>(v)] =
                static_cast<std::uint8_t>(std::lround(16 + v * 219.0 / 255.0));
    }

    /// Sends frame (or nullptr to flush) and writes every packet the encoder hands back.
    void encode(const AVFrame* input)
    {
        check(avcodec_send_frame(codec, input), "the H.264 encoder refused a frame");
        for (;;) {
            const int got = avcodec_receive_packet(codec, packet);
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF)
                return;
            check(got, "H.264 encoding failed");
            av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            check(av_interleaved_write_frame(format, packet), "writing the MP4 failed");
        }
    }

    void fillGrey(const cv::Mat& grey)
    {
        cv::Mat y(encodedSize, CV_8U, frame->data[0], static_cast<std::size_t>(frame->linesize[0]));
        cv::LUT(grey, cv::Mat(1, 256, CV_8U, yOfGrey.data()), y(cv::Rect({0, 0}, frameSize)));
        if (encodedSize.width > frameSize.width)
            y.col(frameSize.width - 1).copyTo(y.col(frameSize.width));
        if (encodedSize.height > frameSize.height)
            y.row(frameSize.height - 1).copyTo(y.row(frameSize.height));
        const cv::Size chroma(encodedSize.width / 2, encodedSize.height / 2);
        for (int plane = 1; plane <= 2; ++plane)
            cv::Mat(chroma, CV_8U, frame->data[plane],
                    static_cast<std::size_t>(frame->linesize[plane]))
                .setTo(128);
    }

    void fillBgr(const cv::Mat& bgr)
    {
        const cv::Mat* source = &bgr;
        if (encodedSize != frameSize) {
            cv::copyMakeBorder(bgr, padded, 0, encodedSize.height - frameSize.height, 0,
                               encodedSize.width - frameSize.width, cv::BORDER_REPLICATE);
            source = &padded;
        }
        sws = sws_getCachedContext(sws, encodedSize.width, encodedSize.height, AV_PIX_FMT_BGR24,
                                   encodedSize.width, encodedSize.height, AV_PIX_FMT_YUV420P,
                                   SWS_BILINEAR, nullptr, nullptr, nullptr);
        if (sws == nullptr)
            throw Error(path.string() + ": cannot set up the colour conversion");
        const std::uint8_t* const planes[] = {source->data};
        const int strides[] = {static_cast<int>(source->step[0])};
        sws_scale(sws, planes, strides, 0, encodedSize.height, frame->data, frame->linesize);
    }
};

Mp4Writer::Mp4Writer(const std::filesystem::path& path, cv::Size frameSize, double fps,
                     const Mp4WriterOptions& options)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->path = path;
    if (frameSize.width < 1 || frameSize.height < 1)
        throw Error(path.string() + ": the frame size must be positive");
    if (!(fps > 0) || !std::isfinite(fps))
        throw Error(path.string() + ": the frame rate must be positive");
    const auto& presets = x264PresetNames();
    if (std::find(presets.begin(), presets.end(), options.preset) == presets.end())
        throw Error(path.string() + ": unknown x264 preset \"" + options.preset + "\"");
    if (options.crf < 0 || options.crf > 51)
        throw Error(path.string() + ": the x264 crf must be within 0..51");
    // libx264 reports its settings at info level; keep FFmpeg to errors.
    if (av_log_get_level() > AV_LOG_ERROR)
        av_log_set_level(AV_LOG_ERROR);
    m_impl->frameSize = frameSize;
    m_impl->encodedSize = {frameSize.width + frameSize.width % 2,
                           frameSize.height + frameSize.height % 2};
    m_impl->open(fps, options);
}

Mp4Writer::~Mp4Writer() = default;

void Mp4Writer::write(const cv::Mat& image)
{
    Impl& d = *m_impl;
    if (d.finished)
        throw Error(d.path.string() + ": frame written after the file was closed");
    if (image.size() != d.frameSize || (image.type() != CV_8UC1 && image.type() != CV_8UC3))
        throw Error(d.path.string() + ": frame " + std::to_string(d.nextPts) +
                    " is not an 8-bit grey or BGR image of the movie's size");
    // The encoder may still hold the previous buffer (frame threads): get a writable one.
    d.check(av_frame_make_writable(d.frame), "out of memory for a frame");
    if (image.type() == CV_8UC1)
        d.fillGrey(image);
    else
        d.fillBgr(image);
    d.frame->pts = d.nextPts++;
    d.encode(d.frame);
}

void Mp4Writer::finish()
{
    Impl& d = *m_impl;
    if (d.finished)
        return;
    d.finished = true;
    d.encode(nullptr);
    d.check(av_write_trailer(d.format), "cannot finish the MP4 (moov atom)");
    d.check(avio_closep(&d.format->pb), "cannot close the file");
}

cv::Size Mp4Writer::encodedSize() const
{
    return m_impl->encodedSize;
}

int Mp4Writer::framesWritten() const
{
    return static_cast<int>(m_impl->nextPts);
}

} // namespace insitu
