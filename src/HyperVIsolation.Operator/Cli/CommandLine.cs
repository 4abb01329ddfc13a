namespace HyperVIsolation.Operator.Cli;

/// <summary>Dispatches the operator's sub-commands.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage.AsMemory(), cancellationToken);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == ManifestsCommand.Name)
        {
            return await ManifestsCommand.RunAsync(args[1..], stdout, stderr, cancellationToken);
        }

        if (args[0] == RunCommand.Name)
        {
            return await RunCommand.RunAsync(args[1..], stdout, stderr, cancellationToken);
        }

        await stderr.WriteLineAsync($"unknown command '{args[0]}'.\n{Usage}".AsMemory(), cancellationToken);
        return 2;
    }

    private const string Usage = """
        usage: hyperv-isolation <command> [options]

        commands:
          manifests --output <dir> [--chart <dir>]   write the CustomResourceDefinitions generated from the API types
          run [--kubeconfig <path>]                  run the operator and admission webhook until Ctrl+C or SIGTERM
        """;
}
