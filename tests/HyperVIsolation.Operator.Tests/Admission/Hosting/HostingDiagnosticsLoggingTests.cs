using HyperVIsolation.Operator.Admission.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>
/// ASP.NET Core starts an Activity and a log scope for every request whenever its request diagnostics category is
/// enabled at any level; the webhook turns the category off unless configuration asks for it.
/// </summary>
public sealed class HostingDiagnosticsLoggingTests
{
    [Fact]
    public void AddIsolationWebhook_NoLogLevelForTheCategory_RequestDiagnosticsOff()
    {
        using var provider = Build([]);

        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(AdmissionHostingExtensions.HostingDiagnosticsCategory);

        logger.IsEnabled(LogLevel.Critical).Should().BeFalse();
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning).Should().BeTrue();
    }

    [Fact]
    public void AddIsolationWebhook_LogLevelConfiguredForTheCategory_ConfigurationWins()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });

        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(AdmissionHostingExtensions.HostingDiagnosticsCategory);

        logger.IsEnabled(LogLevel.Information).Should().BeTrue();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole());
        services.AddIsolationWebhook(configuration);
        return services.BuildServiceProvider();
    }
}
