using System.Net.Sockets;
using HyperVIsolation.Operator.Hosting;
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

    public const string Usage = """
        usage: hyperv-isolation run [--kubeconfig <path>]

          --kubeconfig <path>   connect with this kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)

        settings come from the Operator section of appsettings.json and environment variables
        Operator__<Setting> (for example Operator__Workers=4, Operator__LeaderElection__LeaseDuration=15s).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args is ["-h" or "--help"])
        {
            await stdout.WriteLineAsync(Usage.AsMemory(), cancellationToken);
            return 0;
        }

        if (!TryParse(args, out var kubeconfig, out var error))
        {
            await stderr.WriteLineAsync($"run: {error}\n{Usage}".AsMemory(), cancellationToken);
            return 2;
        }

        WebApplication app;
        try
        {
            app = OperatorHost.Create([], builder =>
            {
                AddKubeconfig(builder, kubeconfig);
                builder.Services.AddIsolatedWorkloadControllers();
            });
            _ = app.Services.GetRequiredService<IOptions<OperatorOptions>>().Value;
            _ = app.Services.GetRequiredService<IKubernetes>();
        }
        catch (OptionsValidationException exception)
        {
            var problems = string.Concat(exception.Failures.Select(failure => $"\n  - {failure}"));
            await stderr.WriteLineAsync($"run: invalid configuration:{problems}".AsMemory(), cancellationToken);
            return 2;
        }
        catch (KubeConfigException exception)
        {
            await stderr.WriteLineAsync($"run: invalid kubeconfig: {exception.Message}".AsMemory(), cancellationToken);
            return 2;
        }

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

    private static void AddKubeconfig(WebApplicationBuilder builder, string? kubeconfig)
    {
        if (kubeconfig is not null)
        {
            builder.Configuration.AddInMemoryCollection([new($"{OperatorOptions.SectionName}:Kubeconfig", kubeconfig)]);
        }
    }

    private static bool TryParse(IReadOnlyList<string> args, out string? kubeconfig, out string? error)
    {
        kubeconfig = null;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] != "--kubeconfig")
            {
                error = $"unknown argument '{args[i]}'.";
                return false;
            }

            if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith('-'))
            {
                error = "option '--kubeconfig' needs a path.";
                return false;
            }

            kubeconfig = Path.GetFullPath(args[++i]);
        }

        return true;
    }
}
