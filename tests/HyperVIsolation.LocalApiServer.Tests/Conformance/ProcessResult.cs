namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}
