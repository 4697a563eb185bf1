"""The replay proxy's self-signed certificate, under which it answers CONNECT to HTTPS sites.

It names every host of the recorded copy, with a wildcard for its siblings; Scrapy does not
verify certificates, and a client that does can pin ``ReplayProxy.ca_cert_pem``.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
from pathlib import Path


def make_certificate(directory: Path, hosts: list[str]) -> tuple[Path, Path]:
    """Self-signed EC certificate (and key) for ``hosts``; returns their file paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "techmedia-archiver replay proxy"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "techmedia-archiver tests"),
        ]
    )
    sans: list[x509.GeneralName] = [
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
    ]
    seen = {"localhost"}
    for host in hosts:
        for candidate in (host, "*." + host.split(".", 1)[-1] if host.count(".") >= 2 else None):
            if candidate and candidate not in seen:
                try:
                    candidate.encode("idna")
                except UnicodeError:
                    continue
                seen.add(candidate)
                sans.append(x509.DNSName(candidate))
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now + _dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "replay-cert.pem"
    key_path = directory / "replay-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
