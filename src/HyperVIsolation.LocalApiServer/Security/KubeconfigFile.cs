using System.Text;

namespace HyperVIsolation.LocalApiServer.Security;

/// <summary>Writes the kubeconfig clients use: server URL, CA data and bearer token.</summary>
public static class KubeconfigFile
{
    /// <summary>The context and cluster name in the file.</summary>
    public const string ContextName = "hyperv-isolation-local";

    /// <summary>Writes the kubeconfig to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Uri server, string? authorityPem, string token, CancellationToken cancellationToken)
    {
        var cluster = new StringBuilder();
        cluster.Append("    server: ").Append(server.ToString().TrimEnd('/')).Append('\n');
        if (authorityPem is not null)
        {
            cluster.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(authorityPem))).Append('\n');
        }

        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
            {cluster.ToString().TrimEnd('\n')}
            users:
            - name: {ContextName}
              user:
                token: {token}
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}
                namespace: default
            current-context: {ContextName}

            """;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
