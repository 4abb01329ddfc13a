using System.CommandLine;
using System.Net.Sockets;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// <c>run</c>: starts the operator and webhook host until Ctrl+C or SIGTERM, which shut down gracefully.
/// Configuration problems are reported all at once, without a stack trace, with exit code 2.
/// </summary>
internal static class RunCommand
{
    public const string Name = "run";

    /// <summary>The <c>run</c> command with its option and action.</summary>
    public static Command Create()
    {
        var kubeconfig = PathOption.Create("--kubeconfig", "path", "Connect with this kubeconfig (default: KUBECONFIG, ~/.kube/config, then in-cluster).");
        var command = new Command(Name, "Run the operator and admission webhook until Ctrl+C or SIGTERM. Settings come from appsettings.json and environment variables (README.md lists them).")
        {
            kubeconfig,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(kubeconfig) is { } path ? Path.GetFullPath(path) : null,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? kubeconfig, TextWriter stderr, CancellationToken cancellationToken)
    {
        var builder = OperatorHost.CreateBuilder([], builder =>
        {
            AddKubeconfig(builder, kubeconfig);
            builder.Services.AddIsolatedWorkloadControllers();
            builder.Services.AddNetworkIsolationController();
        });

        // Both sections are validated before the host is built (building it reads them, stopping at the first
        // section that fails), so one run lists every problem of either.
        var failures = ConfigurationFailures(builder.Services);
        if (failures.Count > 0)
        {
            await ReportAsync(stderr, failures, cancellationToken);
            return 2;
        }

        var app = builder.Build();

        try
        {
            _ = app.Services.GetRequiredService<IKubernetes>();
        }
        catch (KubeConfigException exception)
        {
            await app.DisposeAsync();
            await stderr.WriteLineAsync($"run: invalid kubeconfig: {exception.Message}".AsMemory(), cancellationToken);
            return 2;
        }

        OperatorHost.MapEndpoints(app);

        await using (app)
        {
            try
            {
                await app.RunAsync();
                return 0;
            }
            catch (IOException exception) when (exception.InnerException is SocketException)
            {
                await stderr.WriteLineAsync($"run: cannot listen: {exception.Message}".AsMemory(), cancellationToken);
                return 1;
            }
        }
    }

    private static List<string> ConfigurationFailures(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return [
            .. Failures(() => provider.GetRequiredService<IOptions<OperatorOptions>>().Value),
            .. Failures(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value),
        ];
    }

    private static IEnumerable<string> Failures(Func<object> resolve)
    {
        try
        {
            _ = resolve();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return exception.Failures;
        }
    }

    private static Task ReportAsync(TextWriter stderr, List<string> failures, CancellationToken cancellationToken)
    {
        var problems = string.Concat(failures.Select(failure => $"\n  - {failure}"));
        return stderr.WriteLineAsync($"run: invalid configuration:{problems}".AsMemory(), cancellationToken);
    }

    private static void AddKubeconfig(WebApplicationBuilder builder, string? kubeconfig)
    {
        if (kubeconfig is not null)
        {
            builder.Configuration.AddInMemoryCollection([new($"{OperatorOptions.SectionName}:Kubeconfig", kubeconfig)]);
        }
    }
}
