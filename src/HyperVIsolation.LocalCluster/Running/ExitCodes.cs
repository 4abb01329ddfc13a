namespace HyperVIsolation.LocalCluster.Running;

/// <summary>The process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Everything became Ready (and, without <c>--exit-when-ready</c>, the user stopped it).</summary>
    public const int Success = 0;

    /// <summary>Something did not become Ready in time, or a component failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file is invalid.</summary>
    public const int Usage = HyperVIsolation.Operator.Cli.CommandLineInvocation.UsageExitCode;

    /// <summary>Stopped with Ctrl+C before everything was Ready.</summary>
    public const int Interrupted = 130;
}
