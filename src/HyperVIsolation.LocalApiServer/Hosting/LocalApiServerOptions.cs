namespace HyperVIsolation.LocalApiServer.Hosting;

/// <summary>Settings of a local API server.</summary>
public sealed record LocalApiServerOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a generated CA (true) or plain HTTP (false).</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>Bearer token clients must present; a random one when null.</summary>
    public string? Token { get; init; }

    /// <summary>Directory for the kubeconfig; a fresh temporary directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How many changes the watch history keeps before older versions answer 410.</summary>
    public int WatchHistoryCapacity { get; init; } = 10_000;

    /// <summary>How often watches that allow bookmarks get one while idle.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest pause between garbage collection passes.</summary>
    public TimeSpan GarbageCollectionInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Clock for timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Extra bearer tokens and the users they authenticate as (the main token is an administrator).</summary>
    public IReadOnlyList<LocalApiUser> Users { get; init; } = [];

    /// <summary>
    /// Where webhooks configured with <c>clientConfig.service</c> are reached: keys
    /// <c>namespace/name</c> (or <c>namespace/name:port</c>) to a loopback base URL such as
    /// <c>https://127.0.0.1:5001/</c>; the service's path is appended and the serving certificate
    /// must name <c>name.namespace.svc</c>, as with kube-apiserver.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> WebhookServices { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Enforce RBAC as kube-apiserver does (<c>--authorization-mode=RBAC</c>): Roles, ClusterRoles and their bindings
    /// decide every request except those of <c>system:masters</c> (the server's own token), with the default
    /// discovery and <c>cluster-admin</c> roles seeded and every decision kept in <c>LocalApiServer.Authorizations</c>.
    /// Off by default: any valid token may do anything.
    /// </summary>
    public bool EnforceRbac { get; init; }

    /// <summary>Where the server logs; none when null.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"Port must be between 0 and 65535 (got {Port}).");
        }

        if (Token is { Length: 0 })
        {
            errors.Add("Token must not be empty.");
        }

        if (WatchHistoryCapacity < 1)
        {
            errors.Add("WatchHistoryCapacity must be at least 1.");
        }

        if (BookmarkInterval <= TimeSpan.Zero || GarbageCollectionInterval <= TimeSpan.Zero)
        {
            errors.Add("BookmarkInterval and GarbageCollectionInterval must be positive.");
        }

        if (Users.Any(u => string.IsNullOrEmpty(u.Token) || u.Token == Token))
        {
            errors.Add("Every user needs a non-empty token different from Token.");
        }

        return errors;
    }
}
