// Benchmarks (not tests): apiserver, operator, webhook, failover, agent, startup and the fault soak's long profile; bench/README.md describes each, --help lists the options.
using System.CommandLine;
using HyperVIsolation.Bench;
using HyperVIsolation.Bench.Failover;
using HyperVIsolation.Bench.NodeAgent;
using HyperVIsolation.Bench.Operator;
using HyperVIsolation.Bench.Soak;
using HyperVIsolation.Bench.Startup;
using HyperVIsolation.Bench.Webhook;
using HyperVIsolation.Operator.Cli;

var repositoryRoot = RepositoryRoot();
var command = new RootCommand("Benchmarks of the local API server, the admission webhook and the operator (bench/README.md).")
{
    ApiServerBenchmarkCommand.Create(repositoryRoot),
    OperatorBenchmarkCommand.Create(repositoryRoot),
    WebhookBenchmark.CreateCommand(repositoryRoot),
    FailoverBenchmarkCommand.Create(repositoryRoot),
    AgentBenchmarkCommand.Create(repositoryRoot),
    StartupBenchmarkCommand.Create(repositoryRoot),
    SoakCommand.Create(repositoryRoot),
};
return await CommandLineInvocation.InvokeAsync(command, args, Console.Out, Console.Error, CancellationToken.None);

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
