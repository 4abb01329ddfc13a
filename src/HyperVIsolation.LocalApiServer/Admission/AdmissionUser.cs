namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>The authenticated user of a request, as admission webhooks see it.</summary>
/// <param name="Name">User name.</param>
/// <param name="Groups">Groups, including <c>system:authenticated</c>.</param>
public sealed record AdmissionUser(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The user of the server's own token: a cluster administrator.</summary>
    public static AdmissionUser Administrator { get; } = new("local-admin", ["system:masters", "system:authenticated"]);
}
