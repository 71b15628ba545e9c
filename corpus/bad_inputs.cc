#include "bad_inputs.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <qpdf/RandomDataProvider.hh>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "composer.h"
#include "pdf_renderer.h"
#include "rng.h"
#include "scr/error.h"

namespace scr::corpus {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_all(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw OutputError(p.string() + ": cannot write");
}

// qpdf draws encryption salts and keys from this; a seeded source makes the encrypted files
// byte-identical from run to run, which the determinism test checks.
class SeededRandom : public RandomDataProvider {
 public:
  explicit SeededRandom(uint64_t seed) : rng_(seed) {}
  void provideRandomData(unsigned char* data, size_t len) override {
    for (size_t i = 0; i < len; ++i) data[i] = static_cast<unsigned char>(rng_.next());
  }

 private:
  Rng rng_;
};

void encrypt(const fs::path& in, const fs::path& out, const char* user_password, uint64_t seed) {
  SeededRandom random(seed);
  QUtil::setRandomDataProvider(&random);
  try {
    QPDF pdf;
    pdf.processFile(in.c_str());
    QPDFWriter w(pdf, out.c_str());
    w.setStaticID(true);
    w.setStaticAesIV(true);
    w.setR6EncryptionParameters(user_password, "owner-secret", true, true, true, true, true, true, qpdf_r3p_full,
                                true);
    w.write();
  } catch (const std::exception& e) {
    QUtil::setRandomDataProvider(nullptr);
    throw OutputError(out.string() + ": qpdf could not encrypt: " + e.what());
  }
  QUtil::setRandomDataProvider(nullptr);
}

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, unsigned long v) {
  put16(s, static_cast<unsigned>(v & 0xFFFF));
  put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

// A real (stored, uncompressed) zip archive holding one file: what a .docx or an archive renamed
// to .pdf by mistake looks like to the indexer.
std::string make_zip(const std::string& name, const std::string& content) {
  unsigned long crc = crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
  std::string z;
  put32(z, 0x04034b50);
  put16(z, 10); put16(z, 0); put16(z, 0); put16(z, 0); put16(z, 0x21);  // version, flags, stored, time, date
  put32(z, crc); put32(z, content.size()); put32(z, content.size());
  put16(z, static_cast<unsigned>(name.size())); put16(z, 0);
  z += name + content;
  size_t central = z.size();
  put32(z, 0x02014b50);
  put16(z, 20); put16(z, 10); put16(z, 0); put16(z, 0); put16(z, 0); put16(z, 0x21);
  put32(z, crc); put32(z, content.size()); put32(z, content.size());
  put16(z, static_cast<unsigned>(name.size())); put16(z, 0); put16(z, 0); put16(z, 0); put16(z, 0);
  put32(z, 0); put32(z, 0);
  z += name;
  size_t central_size = z.size() - central;
  put32(z, 0x06054b50);
  put16(z, 0); put16(z, 0); put16(z, 1); put16(z, 1);
  put32(z, central_size); put32(z, central);
  put16(z, 0);
  return z;
}

}  // namespace

std::vector<BadInput> write_bad_inputs(const std::string& pdf_root, const BadInputOptions& options,
                                       const BoardRegistry& boards) {
  fs::path dir = fs::path(pdf_root) / "bad-inputs";
  fs::create_directories(dir);
  std::vector<BadInput> out;
  // Reports numbered from 900000 so they never collide with the corpus's own.
  auto render = [&](int index, int pages, const fs::path& path, const RenderOptions& ro, size_t max_blocks = 0) {
    auto composed = compose_report(options.seed, index, pages, boards);
    // A short document where only a few pages are wanted (OCR is slow).
    if (max_blocks && composed.document.blocks.size() > max_blocks) composed.document.blocks.resize(max_blocks);
    return render_pdf(composed.document, path.string(), ro).pages;
  };

  fs::path base = dir / "base-report.pdf";
  int base_pages = render(900000, 12, base, {});
  std::string good = read_all(base);

  write_all(dir / "zero-bytes.pdf", "");
  out.push_back({"bad-inputs/zero-bytes.pdf", "corrupt", "an empty file (0 bytes)"});

  write_all(dir / "truncated.pdf", good.substr(0, good.size() * 45 / 100));
  out.push_back({"bad-inputs/truncated.pdf", "corrupt", "a PDF cut off at 45% of its length: no trailer, no page tree"});

  {
    // Point startxref at nonsense and break the xref keyword: readers must rebuild the table.
    std::string broken = good;
    size_t sx = broken.rfind("startxref");
    size_t num = broken.find_first_of("0123456789", sx);
    size_t end = broken.find_first_not_of("0123456789", num);
    broken.replace(num, end - num, std::to_string(broken.size() / 3));
    size_t xref = broken.rfind("\nxref");
    if (xref != std::string::npos) broken.replace(xref + 1, 4, "xrf ");
    write_all(dir / "broken-xref.pdf", broken);
    out.push_back({"bad-inputs/broken-xref.pdf", "ok",
                   "cross-reference table and startxref offset damaged; readable after reconstruction", base_pages});
  }

  write_all(dir / "not-a-pdf.pdf",
            "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
            "<body><h1>Not Found</h1><p>The requested document was not found on this server.</p></body></html>\n");
  out.push_back({"bad-inputs/not-a-pdf.pdf", "not-pdf", "an HTML error page saved with a .pdf name"});

  write_all(dir / "zip-renamed.pdf", make_zip("review.txt", "This archive was renamed to .pdf by mistake.\n"));
  out.push_back({"bad-inputs/zip-renamed.pdf", "not-pdf", "a zip archive renamed to .pdf"});

  encrypt(base, dir / "encrypted-user-password.pdf", "secret", options.seed + 1);
  out.push_back({"bad-inputs/encrypted-user-password.pdf", "encrypted",
                 "AES-256 encrypted; opening needs a user password", base_pages});

  encrypt(base, dir / "encrypted-empty-password.pdf", "", options.seed + 2);
  out.push_back({"bad-inputs/encrypted-empty-password.pdf", "ok",
                 "AES-256 encrypted with an empty user password (owner password only): readable", base_pages});

  {
    RenderOptions ro;
    ro.image_only = true;
    int pages = render(900001, 4, dir / "image-only.pdf", ro, 9);
    out.push_back({"bad-inputs/image-only.pdf", "ocr", "every page is a picture of text: no text layer", pages});
  }
  {
    int pages = render(900002, options.huge_pages, dir / "huge-report.pdf", {});
    out.push_back({"bad-inputs/huge-report.pdf", "partial",
                   "a " + std::to_string(pages) + "-page report, beyond the indexer's default page limit", pages});
  }
  fs::remove(base);
  return out;
}

}  // namespace scr::corpus
