// Writes the hostile-input corpus that CI feeds to `boneage info` and `boneage assess` on every run
// (run_hostile_corpus.sh): truncations of a real film at every 1 %, byte flips, decompression and
// size bombs, special files, wrong modalities and objects, DICOM that PACS send every day, and
// pictures that are not hands. Generated, never downloaded, so that the corpus is the same on every
// machine and grows with the code.
//
//   make_hostile_corpus SAMPLES_DIR OUT_DIR
//
// OUT_DIR/manifest.tsv lists each file with what the program must do with it:
//   hand     a readable hand film: assess reports a bone age (exit 0), info reads it
//   nohand   readable but not a hand: info reads it, assess reports no bone age (exit 3)
//   refused  the reader refuses it: both commands exit 1 with a message naming the file
//   noage    refused or not a hand: assess exits 1 or 3, never with an age
//   any      no promise beyond: no crash, no hang, and a bone age only where a hand was found
#include "../imaging/DicomFactory.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <zlib.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using boneage::test::DicomSpec;
using Bytes = std::vector<unsigned char>;

namespace {

std::ofstream manifest;
fs::path out;

void entry(const std::string& name, const char* expect) { manifest << name << '\t' << expect << '\n'; }

void bytesFile(const std::string& name, const Bytes& b, const char* expect)
{
    boneage::test::writeBytes((out / name).string(), b);
    entry(name, expect);
}

void imageFile(const std::string& name, const cv::Mat& image, const char* expect)
{
    if (!cv::imwrite((out / name).string(), image)) throw std::runtime_error("cannot write " + name);
    entry(name, expect);
}

void dicomFile(const std::string& name, const DicomSpec& spec, const char* expect)
{
    boneage::test::writeDicom(spec, (out / name).string());
    entry(name, expect);
}

// Offset of a DICOM tag (group, element, little endian) followed by the given VR, or npos.
size_t findTag(const Bytes& b, unsigned group, unsigned element, const char* vr)
{
    for (size_t i = 132; i + 8 <= b.size(); ++i)
        if (b[i] == (group & 0xff) && b[i + 1] == (group >> 8) && b[i + 2] == (element & 0xff) && b[i + 3] == (element >> 8) &&
            b[i + 4] == vr[0] && b[i + 5] == vr[1])
            return i;
    return std::string::npos;
}

void put16(Bytes& b, size_t at, unsigned v) { b[at] = v & 0xff, b[at + 1] = (v >> 8) & 0xff; }
void put32be(Bytes& b, size_t at, std::uint32_t v)
{
    for (int k = 0; k < 4; ++k) b[at + k] = (v >> (24 - 8 * k)) & 0xff;
}

// A valid small PNG whose header declares width x height (CRC fixed, so that the decoder believes it).
Bytes pngDeclaring(std::uint32_t width, std::uint32_t height)
{
    Bytes b;
    cv::imencode(".png", cv::Mat(8, 8, CV_8U, cv::Scalar(100)), b);
    put32be(b, 16, width);
    put32be(b, 20, height);
    put32be(b, 29, static_cast<std::uint32_t>(crc32(0, b.data() + 12, 17)));
    return b;
}

// A valid small JPEG whose frame header declares 65500 x 65500 pixels.
Bytes jpegDeclaringHuge()
{
    Bytes b;
    cv::imencode(".jpg", cv::Mat(16, 16, CV_8U, cv::Scalar(100)), b);
    for (size_t i = 2; i + 9 < b.size(); ++i)
        if (b[i] == 0xff && b[i + 1] == 0xc0) {   // SOF0: length(2) precision(1) height(2) width(2)
            b[i + 5] = 0xff, b[i + 6] = 0xdc, b[i + 7] = 0xff, b[i + 8] = 0xdc;
            break;
        }
    return b;
}

cv::Mat photograph()
{
    cv::Mat p(480, 640, CV_8UC3, cv::Scalar(235, 190, 120));
    p.rowRange(300, 480).setTo(cv::Scalar(60, 140, 70));
    cv::circle(p, {520, 90}, 50, cv::Scalar(60, 220, 250), cv::FILLED);
    cv::rectangle(p, {150, 200}, {330, 360}, cv::Scalar(40, 60, 170), cv::FILLED);
    return p;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: make_hostile_corpus SAMPLES_DIR OUT_DIR\n";
        return 2;
    }
    const fs::path samples = argv[1];
    out = argv[2];
    try {
        fs::create_directories(out);
        manifest.open(out / "manifest.tsv", std::ios::trunc);

        // Real films, as they are: the control group.
        for (const char* s : {"sample-1855.dcm", "sample-1402.dcm", "sample-1417.png"}) {
            fs::copy_file(samples / s, out / s, fs::copy_options::overwrite_existing);
            entry(s, "hand");
        }
        const Bytes film = boneage::test::readBytes((samples / "sample-1855.dcm").string());
        const Bytes png = boneage::test::readBytes((samples / "sample-1417.png").string());

        // Truncations at every 1 % (DICOM: the pixel data runs to the end, so every cut is refused).
        for (int pct = 1; pct <= 99; ++pct) {
            const size_t n = film.size() * pct / 100;
            bytesFile("cut-dicom-" + std::to_string(pct) + ".dcm", Bytes(film.begin(), film.begin() + long(n)), "refused");
        }
        for (int pct = 5; pct <= 95; pct += 10)
            bytesFile("cut-png-" + std::to_string(pct) + ".png", Bytes(png.begin(), png.begin() + long(png.size() * pct / 100)), "noage");

        // Byte flips, seeded: anywhere in the header, and in the pixels.
        std::mt19937 rng(14);
        for (int k = 0; k < 24; ++k) {
            Bytes b = film;
            const size_t headerEnd = std::min<size_t>(b.size(), 2048);
            for (int f = 0; f < 1 + k % 4; ++f) {
                const size_t at = k < 16 ? rng() % headerEnd : rng() % b.size();
                b[at] ^= static_cast<unsigned char>(1 + rng() % 255);
            }
            bytesFile("flip-" + std::to_string(k) + ".dcm", b, "any");
        }

        // Size and decompression bombs.
        bytesFile("bomb-png-100k.png", pngDeclaring(100000, 100000), "refused");
        bytesFile("bomb-png-wide.png", pngDeclaring(2000000, 1), "noage");
        bytesFile("bomb-jpeg-65500.jpg", jpegDeclaringHuge(), "noage");
        {
            Bytes b = film;
            const size_t rows = findTag(b, 0x0028, 0x0010, "US"), cols = findTag(b, 0x0028, 0x0011, "US");
            if (rows == std::string::npos || cols == std::string::npos) throw std::runtime_error("sample without Rows/Columns");
            put16(b, rows + 8, 0xffff);
            put16(b, cols + 8, 0xffff);
            bytesFile("bomb-dicom-65535.dcm", b, "refused");
        }
        {
            Bytes b = film;
            const size_t pixels = findTag(b, 0x7fe0, 0x0010, "OW") != std::string::npos ? findTag(b, 0x7fe0, 0x0010, "OW")
                                                                                           : findTag(b, 0x7fe0, 0x0010, "OB");
            if (pixels == std::string::npos) throw std::runtime_error("sample without native pixel data");
            b[pixels + 8] = 0xf0, b[pixels + 9] = 0xff, b[pixels + 10] = 0xff, b[pixels + 11] = 0xff;
            bytesFile("bomb-dicom-4gb-element.dcm", b, "refused");
        }

        // Nothing, or not a file.
        bytesFile("empty.dcm", {}, "refused");
        bytesFile("zeros.dcm", Bytes(4096, 0), "refused");
        bytesFile("text.dcm", Bytes{'h', 'e', 'l', 'l', 'o', '\n'}, "refused");
        {
            Bytes b(128, 0);
            for (char c : std::string("DICM")) b.push_back(static_cast<unsigned char>(c));
            for (int i = 0; i < 4000; ++i) b.push_back(static_cast<unsigned char>((i * 37) & 0xff));
            bytesFile("preamble-then-garbage.dcm", b, "refused");
        }
        fs::create_directories(out / "a-folder.dcm");
        entry("a-folder.dcm", "refused");
        if (::mkfifo((out / "fifo.dcm").c_str(), 0600) == 0) entry("fifo.dcm", "refused");
        fs::create_symlink("/dev/zero", out / "dev-zero.dcm");
        entry("dev-zero.dcm", "refused");
        fs::create_symlink("loop-b.dcm", out / "loop-a.dcm");
        fs::create_symlink("loop-a.dcm", out / "loop-b.dcm");
        entry("loop-a.dcm", "refused");

        // Not a hand radiograph, or not an image at all.
        DicomSpec ct;
        ct.modality = "CT";
        ct.sopClass = "1.2.840.10008.5.1.4.1.1.2";
        dicomFile("wrong-modality-ct.dcm", ct, "refused");
        boneage::test::writeStructuredReport((out / "structured-report.dcm").string());
        entry("structured-report.dcm", "refused");
        DicomSpec noSex;
        noSex.sex = "";
        dicomFile("no-sex.dcm", noSex, "noage");
        DicomSpec ramp;
        ramp.rows = 512, ramp.cols = 400;
        dicomFile("ramp-dx.dcm", ramp, "nohand");
        DicomSpec born1800 = ramp;
        born1800.birthDate = "18000101";
        dicomFile("born-1800.dcm", born1800, "nohand");
        DicomSpec nanWindow = ramp;
        nanWindow.windows = {{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}};
        dicomFile("nan-window.dcm", nanWindow, "nohand");
        DicomSpec slopeZero = ramp;
        slopeZero.writeRescale = true, slopeZero.slope = 0;
        dicomFile("slope-zero.dcm", slopeZero, "nohand");

        cv::Mat gradient(600, 500, CV_8U), noise(512, 512, CV_16U);
        for (int y = 0; y < gradient.rows; ++y) gradient.row(y).setTo(255 * y / gradient.rows);
        cv::randu(noise, 0, 65535);
        imageFile("blank.png", cv::Mat(600, 500, CV_8U, cv::Scalar(0)), "nohand");
        imageFile("white.png", cv::Mat(600, 500, CV_8U, cv::Scalar(255)), "nohand");
        imageFile("one-pixel.png", cv::Mat(1, 1, CV_8U, cv::Scalar(128)), "nohand");
        imageFile("gradient.png", gradient, "nohand");
        imageFile("photograph.jpg", photograph(), "nohand");
        imageFile("noise-16bit.tif", noise, "nohand");
        imageFile("thin-strip.png", cv::Mat(2, 3000, CV_8U, cv::Scalar(200)), "nohand");
        manifest.close();
        if (!manifest) throw std::runtime_error("cannot write the manifest");
    } catch (const std::exception& e) {
        std::cerr << "make_hostile_corpus: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
