using HyperVIsolation.Operator.Admission.Hosting;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Validate_CertificateDirectoryAlone_Valid() =>
        new WebhookOptions { CertificateDirectory = "/var/run/webhook-tls" }.Validate().Should().BeEmpty();

    [Fact]
    public void Validate_CertificateDirectoryWithOwnCaOptions_ReportsEveryConflictAtOnce()
    {
        var options = new WebhookOptions
        {
            CertificateDirectory = "webhook-tls",
            ManageConfigurations = true,
            Url = new Uri("https://127.0.0.1:9443"),
        };

        var errors = options.Validate();

        errors.Should().HaveCount(3);
        errors.Should().ContainSingle(error => error.Contains("absolute path", StringComparison.Ordinal));
        errors.Should().ContainSingle(error => error.Contains("ManageConfigurations", StringComparison.Ordinal));
        errors.Should().ContainSingle(error => error.Contains("Url", StringComparison.Ordinal));
    }
}
