using HyperVIsolation.Api.Text;
using HyperVIsolation.Operator.Hosting;
using Microsoft.Extensions.Configuration;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class OperatorOptionsTests
{
    [Fact]
    public void Read_NothingConfigured_UsesDefaultsAndHostName()
    {
        var result = OperatorOptionsReader.Read(Configuration());

        result.Errors.Should().BeEmpty();
        result.Options.LeaderElection.LeaseName.Should().Be("hyperv-isolation-operator");
        result.Options.LeaderElection.Identity.Should().Be(Environment.MachineName);
        result.Options.MetricsPort.Should().Be(8080);
        result.Options.Webhook.Port.Should().Be(9443);
        result.Options.OtlpEndpoint.Should().BeNull("OTLP export is off by default");
        OperatorOptionsValidator.Check(result.Options).Should().BeEmpty();
    }

    [Fact]
    public void Read_ChartEnvironment_TakesPodIdentityAndGoDurations()
    {
        var result = OperatorOptionsReader.Read(Configuration(
            ("POD_NAME", "operator-7d9f"),
            ("POD_NAMESPACE", "hyperv-isolation-system"),
            ("Operator:LeaderElection:LeaseDuration", "15s"),
            ("Operator:LeaderElection:RenewDeadline", "10s"),
            ("Operator:LeaderElection:RetryPeriod", "2s"),
            ("Operator:OtlpEndpoint", "http://collector:4317")));

        result.Errors.Should().BeEmpty();
        result.Options.LeaderElection.Identity.Should().Be("operator-7d9f");
        result.Options.LeaderElection.LeaseNamespace.Should().Be("hyperv-isolation-system");
        result.Options.LeaderElection.LeaseDuration.Should().Be(TimeSpan.FromSeconds(15));
        result.Options.OtlpEndpoint.Should().Be(new Uri("http://collector:4317"));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var configuration = Configuration(
            ("Operator:Workers", "0"),
            ("Operator:MetricsPort", "9443"),
            ("Operator:Queue:Burst", "lots"),
            ("Operator:LeaderElection:LeaseDuration", "1s"),
            ("Operator:LeaderElection:RenewDeadline", "5s"),
            ("Operator:WatchStallThreshold", "soon"),
            ("Operator:OtlpEndpoint", "collector:4317"),
            ("Operator:Webhook:CertificatePath", "/nonexistent/tls.crt"),
            ("Operator:Wokers", "4"));
        var validator = new OperatorOptionsValidator(configuration);

        var result = validator.Validate(null, OperatorOptionsReader.Read(configuration).Options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().BeEquivalentTo(
            "Operator:Queue:Burst: 'lots' is not a whole number.",
            "Operator:WatchStallThreshold: 'soon' is not a duration such as 15s, 1m30s or 00:00:15.",
            "Operator:OtlpEndpoint: 'collector:4317' is not an absolute http or https URL.",
            "Operator:Wokers: unknown setting.",
            "Operator:LeaderElection: LeaseDuration must be longer than RenewDeadline.",
            "Operator:Workers: must be between 1 and 256.",
            "Operator:MetricsPort and Webhook:Port must differ.",
            "Operator:Webhook:CertificatePath and KeyPath must be set together.",
            "Operator:Webhook:CertificatePath: file '/nonexistent/tls.crt' does not exist.");
    }

    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("0", 0)]
    [InlineData("00:00:15", 15_000)]
    public void ConfigurationDuration_ValidText_Parses(string text, int milliseconds)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15 s")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData("15s!")]
    public void ConfigurationDuration_InvalidText_IsRejected(string text) =>
        GoDuration.TryParse(text, out _).Should().BeFalse();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value)))
            .Build();
}
