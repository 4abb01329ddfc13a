namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>Exit code and captured output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);
