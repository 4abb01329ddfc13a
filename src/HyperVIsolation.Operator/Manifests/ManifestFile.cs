namespace HyperVIsolation.Operator.Manifests;

/// <summary>A generated manifest: its file name within its directory and its YAML text.</summary>
internal sealed record ManifestFile(string FileName, string Content);
