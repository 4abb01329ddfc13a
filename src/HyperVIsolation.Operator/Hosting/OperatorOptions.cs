using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Settings of the operator process, bound from the <c>Operator</c> configuration section (environment
/// variables <c>Operator__...</c>, listed in README.md) and validated at start-up against
/// <see cref="OperatorOptionsRules"/>, every problem reported at once. The webhook's settings are the
/// <c>Webhook</c> section.
/// </summary>
public sealed record OperatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Operator";

    /// <summary>
    /// The kubeconfig file to connect with; when unset the usual lookup applies (<c>KUBECONFIG</c>,
    /// <c>~/.kube/config</c>, then the in-cluster service account).
    /// </summary>
    public string? Kubeconfig { get; init; }

    /// <summary>
    /// The Lease that elects the reconciling replica. The namespace defaults to <c>POD_NAMESPACE</c>, the
    /// in-cluster service account's namespace, then <c>default</c>; the identity to <c>POD_NAME</c>, then the host name.
    /// </summary>
    public LeaderElectionOptions LeaderElection { get; init; } = new();

    /// <summary>
    /// How many keys each controller reconciles concurrently; kube-controller-manager's ReplicaSet controller
    /// also runs 5. Reconciles mostly wait on API calls, so more workers than cores shorten the queue.
    /// </summary>
    public int Workers { get; init; } = 5;

    /// <summary>Retry backoff and overall rate limit of the controllers' work queues.</summary>
    public WorkQueueOptions Queue { get; init; } = new();

    /// <summary>The HTTP port of <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>; the webhook's HTTPS port is <c>Webhook:Port</c>.</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary>
    /// The address both endpoints listen on: <c>*</c> for every interface (in a pod), or an IP address
    /// such as <c>127.0.0.1</c> (tests, local runs).
    /// </summary>
    public string ListenAddress { get; init; } = "*";

    /// <summary>
    /// How long an informer may stay silent before <c>/healthz</c> fails. Longer than the watch timeout
    /// (5 minutes), since an idle watch is only heard from when the server closes it or sends a bookmark.
    /// </summary>
    public TimeSpan WatchStallThreshold { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where to send traces and metrics over OTLP; off when unset.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>
    /// Whether rendered pods carry the readiness gate the node agent sets once it verified the utility VM
    /// (<c>isolation.hyperv.dev/vm-verified</c>). On by default; turn it off only where no node agent runs,
    /// or pods never become ready.
    /// </summary>
    public bool PodReadinessGate { get; init; } = true;

    /// <summary>
    /// The least time between two writes of a workload's in-progress status, and how long a new generation's
    /// first progress waits (pods Ready by then cost a single status write). Zero writes every change at once.
    /// </summary>
    public TimeSpan StatusProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the pods of namespaces an Audit-mode IsolationPolicy covers are judged by its rules, for the
    /// policy's <c>status.auditViolations</c>. Each audit lists those pods; a policy or coverage change audits at once.
    /// </summary>
    public TimeSpan PolicyAuditInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a graceful shutdown may take to let in-flight reconciles finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
