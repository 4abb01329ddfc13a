using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Desired rules of an IsolationPolicy.</summary>
public sealed class IsolationPolicySpec
{
    /// <summary>Namespaces the policy covers. An empty selector covers every namespace.</summary>
    public V1LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Enforce denies violations; Audit only reports them.</summary>
    [DefaultValue(PolicyMode.Enforce)]
    public PolicyMode Mode { get; set; } = PolicyMode.Enforce;

    /// <summary>Defaults and caps for utility-VM sizes.</summary>
    public VmSizePolicy? Vm { get; set; }

    /// <summary>
    /// What an <see cref="AllowedRegistries"/> entry must look like: <c>host[:port][/path]</c> with no scheme, tag or
    /// digest; path components follow the OCI distribution grammar. No named groups: kube-apiserver 1.28's Go regexp
    /// does not know them.
    /// </summary>
    public const string RegistryPattern =
        @"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$";

    /// <summary>Registries (host, optionally with a path prefix, e.g. mcr.microsoft.com/windows) images may come from. Empty allows any.</summary>
    [RegularExpression(RegistryPattern)]
    public List<string>? AllowedRegistries { get; set; }

    /// <summary>Whether every image must be pinned by digest (@sha256:...).</summary>
    [DefaultValue(false)]
    public bool RequireImageDigest { get; set; }

    /// <summary>Whether pods get io.microsoft.disable-unsafe-operations (no gMSA, writable shares or HostProcess).</summary>
    [DefaultValue(true)]
    public bool DisableUnsafeOperations { get; set; } = true;

    /// <summary>
    /// Whether a NetworkPolicy in each covered namespace admits ingress only from pods of the same namespace
    /// and of the namespaces <c>allowIngressFrom</c> matches. Enforced only where the network plugin enforces
    /// NetworkPolicy on Windows nodes.
    /// </summary>
    [DefaultValue(false)]
    public bool DenyCrossNamespaceTraffic { get; set; }

    /// <summary>
    /// Namespaces (by label) whose pods may still reach covered namespaces when denyCrossNamespaceTraffic is on,
    /// for example ingress controllers and monitoring. Unset admits none; an empty selector is refused, since it
    /// would admit every namespace.
    /// </summary>
    public V1LabelSelector? AllowIngressFrom { get; set; }

    /// <summary>
    /// Whether a NetworkPolicy in each covered namespace denies egress to the cloud instance metadata endpoint
    /// (169.254.169.254/32), whose credentials belong to the node; all other egress, DNS included, stays allowed.
    /// </summary>
    [DefaultValue(true)]
    public bool BlockInstanceMetadata { get; set; } = true;

    /// <summary>Whether workloads may ask for Process isolation (sharing the host kernel).</summary>
    [DefaultValue(false)]
    public bool AllowProcessIsolation { get; set; }

    /// <summary>Whether only Windows pods may run in covered namespaces.</summary>
    [DefaultValue(true)]
    public bool WindowsOnly { get; set; } = true;

    /// <summary>Who may change the trust labels of covered namespaces.</summary>
    public PolicyAdministrators? Administrators { get; set; }
}
