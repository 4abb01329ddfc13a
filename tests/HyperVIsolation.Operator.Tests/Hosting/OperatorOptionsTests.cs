using HyperVIsolation.Api.Text;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>The <c>Operator</c> and <c>Webhook</c> sections as the operator host binds and validates them.</summary>
public sealed class OperatorOptionsTests
{
    [Fact]
    public void Resolve_NothingConfigured_UsesDefaultsAndHostName()
    {
        var (options, failures) = Resolve<OperatorOptions>();

        failures.Should().BeEmpty();
        options!.LeaderElection.LeaseName.Should().Be("hyperv-isolation-operator");
        options.LeaderElection.Identity.Should().Be(Environment.MachineName);
        options.MetricsPort.Should().Be(8080);
        options.OtlpEndpoint.Should().BeNull("OTLP export is off by default");
        options.PolicyAuditInterval.Should().Be(TimeSpan.FromMinutes(1));
        Resolve<WebhookOptions>().Options!.Port.Should().Be(9443);
    }

    [Fact]
    public void Resolve_ChartEnvironment_TakesPodIdentityAndGoDurations()
    {
        var (options, failures) = Resolve<OperatorOptions>(
            ("POD_NAME", "operator-7d9f"),
            ("POD_NAMESPACE", "hyperv-isolation-system"),
            ("Operator:LeaderElection:LeaseDuration", "15s"),
            ("Operator:LeaderElection:RenewDeadline", "10s"),
            ("Operator:LeaderElection:RetryPeriod", "2s"),
            ("Operator:OtlpEndpoint", "http://collector:4317"));

        failures.Should().BeEmpty();
        options!.LeaderElection.Identity.Should().Be("operator-7d9f");
        options.LeaderElection.LeaseNamespace.Should().Be("hyperv-isolation-system");
        options.LeaderElection.LeaseDuration.Should().Be(TimeSpan.FromSeconds(15));
        options.LeaderElection.RetryPeriod.Should().Be(TimeSpan.FromSeconds(2));
        options.OtlpEndpoint.Should().Be(new Uri("http://collector:4317"));
    }

    [Fact]
    public void Resolve_ConfiguredLeaseNamespace_WinsOverThePod()
    {
        var (options, _) = Resolve<OperatorOptions>(("POD_NAMESPACE", "from-pod"), ("Operator:LeaderElection:LeaseNamespace", "configured"));

        options!.LeaderElection.LeaseNamespace.Should().Be("configured");
    }

    [Fact]
    public void Resolve_WebhookSection_BindsEverySettingOfTheFeature()
    {
        var (options, failures) = Resolve<WebhookOptions>(
            ("Webhook:Port", "9444"),
            ("Webhook:ServiceName", "svc"),
            ("Webhook:ManageConfigurations", "true"),
            ("Webhook:Url", "https://127.0.0.1:9444"),
            ("Webhook:TimeoutSeconds", "7"),
            ("Webhook:MaxRequestBodyBytes", "65536"),
            ("Webhook:TrustedUsers:0", "system:serviceaccount:ns:sa"));

        failures.Should().BeEmpty();
        options.Should().Be(new WebhookOptions
        {
            Port = 9444,
            ServiceName = "svc",
            ManageConfigurations = true,
            Url = new Uri("https://127.0.0.1:9444"),
            TimeoutSeconds = 7,
            MaxRequestBodyBytes = 65536,
            TrustedUsers = options!.TrustedUsers,
        });
        options.TrustedUsers.Should().Equal("system:serviceaccount:ns:sa");
    }

    [Fact]
    public void Resolve_ManyProblems_ReportsEveryOneAtOnce()
    {
        var (_, failures) = Resolve<OperatorOptions>(
            ("Operator:Workers", "0"),
            ("Operator:Queue:Burst", "lots"),
            ("Operator:LeaderElection:LeaseDuration", "1s"),
            ("Operator:LeaderElection:RenewDeadline", "5s"),
            ("Operator:WatchStallThreshold", "soon"),
            ("Operator:OtlpEndpoint", "collector:4317"),
            ("Operator:Wokers", "4"),
            ("Operator:Webhook:Port", "9443"));

        // A section holding a value the binder cannot convert is not bound: its rules see the defaults, and the
        // unreadable values and unknown keys are what is reported.
        failures.Should().BeEquivalentTo(
            "Operator:Queue:Burst: 'lots' is not a whole number.",
            "Operator:WatchStallThreshold: 'soon' is not a duration such as 15s, 1m30s or 00:00:15.",
            "Operator:Wokers: unknown setting.",
            "Operator:Webhook: unknown setting.");
    }

    [Fact]
    public void Resolve_ReadableButBroken_ReportsEveryRuleAtOnce()
    {
        var (_, failures) = Resolve<OperatorOptions>(
            ("Operator:Workers", "0"),
            ("Operator:LeaderElection:LeaseDuration", "1s"),
            ("Operator:LeaderElection:RenewDeadline", "5s"),
            ("Operator:OtlpEndpoint", "collector:4317"),
            ("Operator:PolicyAuditInterval", "500ms"),
            ("Operator:Kubeconfig", "/nonexistent/kubeconfig"));

        failures.Should().BeEquivalentTo(
            "Operator:LeaderElection: LeaseDuration must be longer than RenewDeadline.",
            "Operator:Workers: must be between 1 and 256.",
            "Operator:PolicyAuditInterval: must be between 1s and 24h.",
            "Operator:OtlpEndpoint: 'collector:4317' is not an absolute http or https URL.",
            "Operator:Kubeconfig: file '/nonexistent/kubeconfig' does not exist.");
    }

    [Fact]
    public void Resolve_WebhookProblems_ReportedTogetherWithThePortClash()
    {
        var (_, failures) = Resolve<WebhookOptions>(
            ("Operator:MetricsPort", "9443"),
            ("Webhook:TimeoutSeconds", "60"),
            ("Webhook:TrustedUsers:0", " "),
            ("Webhook:Prot", "1"));

        failures.Should().BeEquivalentTo(
            "Webhook:Prot: unknown setting.",
            "Webhook:TimeoutSeconds must be between 1 and 30 (got 60).",
            "Webhook:TrustedUsers must not hold a blank user name.",
            "Webhook:Port and Operator:MetricsPort must differ (both 9443).");
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
        Resolve<OperatorOptions>(("Operator:ShutdownTimeout", text)).Options?.ShutdownTimeout.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("15")]
    [InlineData("15 s")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData("15s!")]
    public void ConfigurationDuration_InvalidText_IsRejected(string text)
    {
        GoDuration.TryParse(text, out _).Should().BeFalse();
        Resolve<OperatorOptions>(("Operator:ShutdownTimeout", text)).Failures.Should().ContainSingle()
            .Which.Should().StartWith($"Operator:ShutdownTimeout: '{text}' is not a duration");
    }

    // Resolved from the services the operator host registers, as the run command does.
    private static (T? Options, IReadOnlyList<string> Failures) Resolve<T>(params (string Key, string Value)[] values)
        where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddHyperVIsolationOperator(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            return (provider.GetRequiredService<IOptions<T>>().Value, []);
        }
        catch (OptionsValidationException exception)
        {
            return (null, [.. exception.Failures]);
        }
    }
}
