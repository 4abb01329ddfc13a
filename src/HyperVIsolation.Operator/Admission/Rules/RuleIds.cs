namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Stable ids of admission rules, for messages, metrics and tests.</summary>
internal static class RuleIds
{
    /// <summary>HostProcess containers run on the host, outside any VM.</summary>
    public const string HostProcess = "host-process";

    /// <summary>spec.hostNetwork.</summary>
    public const string HostNetwork = "host-network";

    /// <summary>spec.hostPID.</summary>
    public const string HostPid = "host-pid";

    /// <summary>spec.hostIPC.</summary>
    public const string HostIpc = "host-ipc";

    /// <summary>hostPath volumes.</summary>
    public const string HostPath = "host-path";

    /// <summary>Privileged containers.</summary>
    public const string Privileged = "privileged";

    /// <summary>A RuntimeClass the operator does not own.</summary>
    public const string ForeignRuntimeClass = "foreign-runtime-class";

    /// <summary>No Hyper-V RuntimeClass: containers would share the host kernel.</summary>
    public const string ProcessIsolation = "process-isolation";

    /// <summary>spec.nodeName set on CREATE bypasses the scheduler and RuntimeClass placement.</summary>
    public const string NodeName = "node-name";

    /// <summary>An image from a registry the policy does not list.</summary>
    public const string ImageRegistry = "image-registry";

    /// <summary>An image not pinned by digest where the policy requires digests.</summary>
    public const string ImageDigest = "image-digest";

    /// <summary>A VM size over a policy cap.</summary>
    public const string VmSize = "vm-size";

    /// <summary>A Linux pod where the policy allows only Windows pods.</summary>
    public const string LinuxPod = "linux-pod";

    /// <summary>An io.microsoft.* annotation the operator did not write.</summary>
    public const string ReservedAnnotation = "reserved-annotation";

    /// <summary>An UPDATE that changes an isolation-relevant field.</summary>
    public const string ImmutableField = "immutable-field";

    /// <summary>A namespace trust label changed by someone who is not an administrator.</summary>
    public const string TrustLabel = "trust-label";
}
