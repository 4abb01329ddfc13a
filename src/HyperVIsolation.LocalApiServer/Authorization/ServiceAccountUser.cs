namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>How kube-apiserver names a service account as a user, and the groups it puts it in.</summary>
public static class ServiceAccountUser
{
    /// <summary><c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.</summary>
    public static string Name(string ns, string name) => $"system:serviceaccount:{ns}:{name}";

    /// <summary><c>system:serviceaccounts</c>, <c>system:serviceaccounts:&lt;namespace&gt;</c> and <c>system:authenticated</c>.</summary>
    public static IReadOnlyList<string> Groups(string ns) => ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"];
}
