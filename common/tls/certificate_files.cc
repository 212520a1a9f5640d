#include "common/tls/certificate_files.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace samspar::tls {

struct CertificateFiles::Material {
  std::unique_ptr<X509, decltype(&X509_free)> leaf{nullptr, X509_free};
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> chain{
      nullptr, [](STACK_OF(X509)* stack) { sk_X509_pop_free(stack, X509_free); }};
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
};

namespace {

std::string Fingerprint(const TlsFiles& files) {
  std::string out;
  for (const std::string& path : {files.cert_file, files.key_file}) {
    struct stat info {};
    if (stat(path.c_str(), &info) == 0) {
      absl::StrAppend(&out, info.st_mtim.tv_sec, ".", info.st_mtim.tv_nsec, ":", info.st_size, ";");
    }
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const CertificateFiles::Material>> Parse(const TlsFiles& files) {
  auto cert_pem = ReadTlsFile(files.cert_file, "certificate");
  if (!cert_pem.ok()) return cert_pem.status();
  auto key_pem = ReadTlsFile(files.key_file, "private key");
  if (!key_pem.ok()) return key_pem.status();

  auto material = std::make_shared<CertificateFiles::Material>();
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
      BIO_new_mem_buf(cert_pem->data(), static_cast<int>(cert_pem->size())), BIO_free);
  material->leaf.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (material->leaf == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("certificate ", files.cert_file, " holds no certificate"));
  }
  material->chain.reset(sk_X509_new_null());
  while (X509* intermediate = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr)) {
    sk_X509_push(material->chain.get(), intermediate);
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())), BIO_free);
  material->key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (material->key == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("private key ", files.key_file, " holds no private key"));
  }
  if (X509_check_private_key(material->leaf.get(), material->key.get()) != 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        "private key ", files.key_file, " does not belong to certificate ", files.cert_file));
  }
  return std::shared_ptr<const CertificateFiles::Material>(std::move(material));
}

}  // namespace

absl::StatusOr<std::shared_ptr<CertificateFiles>> CertificateFiles::Load(const TlsFiles& files) {
  std::string fingerprint = Fingerprint(files);
  auto material = Parse(files);
  if (!material.ok()) return material.status();
  std::shared_ptr<CertificateFiles> loaded(new CertificateFiles(files));
  absl::MutexLock lock(&loaded->mutex_);
  loaded->material_ = *material;
  loaded->fingerprint_ = fingerprint;
  loaded->next_check_ = absl::Now() + files.refresh_interval;
  return loaded;
}

void CertificateFiles::RefreshIfChanged() {
  {
    absl::MutexLock lock(&mutex_);
    if (absl::Now() < next_check_) return;
    next_check_ = absl::Now() + files_.refresh_interval;
  }
  std::string fingerprint = Fingerprint(files_);
  {
    absl::MutexLock lock(&mutex_);
    if (fingerprint == fingerprint_) return;
  }
  auto material = Parse(files_);
  if (!material.ok()) return;
  absl::MutexLock lock(&mutex_);
  material_ = *material;
  fingerprint_ = fingerprint;
}

std::shared_ptr<const CertificateFiles::Material> CertificateFiles::Current() {
  RefreshIfChanged();
  absl::MutexLock lock(&mutex_);
  return material_;
}

int CertificateFiles::UseOnHandshake(SSL* ssl, void* self) {
  std::shared_ptr<const Material> material = static_cast<CertificateFiles*>(self)->Current();
  // SSL_use_* take their own references, so the material may be replaced
  // while this connection still uses it.
  if (SSL_use_certificate(ssl, material->leaf.get()) != 1) return 0;
  if (SSL_use_PrivateKey(ssl, material->key.get()) != 1) return 0;
  if (SSL_set1_chain(ssl, material->chain.get()) != 1) return 0;
  return 1;
}

void CertificateFiles::InstallOn(SSL_CTX& context) {
  SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
  SSL_CTX_set_cert_cb(&context, &CertificateFiles::UseOnHandshake, this);
}

std::string CertificateFiles::Subject() {
  std::shared_ptr<const Material> material = Current();
  char* line = X509_NAME_oneline(X509_get_subject_name(material->leaf.get()), nullptr, 0);
  std::string subject = line == nullptr ? "" : line;
  OPENSSL_free(line);
  return subject;
}

}  // namespace samspar::tls
