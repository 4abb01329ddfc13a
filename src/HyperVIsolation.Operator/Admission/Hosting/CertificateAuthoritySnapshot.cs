using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>What the CA Secret holds: the CA serving certificates are issued from, and the CAs it replaced that are still trusted.</summary>
/// <param name="Authority">The current CA, with its key; the caller disposes it.</param>
/// <param name="Previous">Certificates (no keys) of CAs replaced by a rotation, kept in the caBundle until they expire.</param>
internal sealed record CertificateAuthoritySnapshot(WebhookCertificateAuthority Authority, IReadOnlyList<X509Certificate2> Previous);
