namespace HyperVIsolation.Install.Tests.Tools;

/// <summary>Exit code and captured output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string All => $"{Output}\n{Error}";
}
