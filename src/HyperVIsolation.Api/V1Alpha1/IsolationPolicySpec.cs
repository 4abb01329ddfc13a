using System.ComponentModel;
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

    /// <summary>Registries (host, optionally with a path prefix, e.g. mcr.microsoft.com/windows) images may come from. Empty allows any.</summary>
    public List<string>? AllowedRegistries { get; set; }

    /// <summary>Whether every image must be pinned by digest (@sha256:...).</summary>
    [DefaultValue(false)]
    public bool RequireImageDigest { get; set; }

    /// <summary>Whether pods get io.microsoft.disable-unsafe-operations (no gMSA, writable shares or HostProcess).</summary>
    [DefaultValue(true)]
    public bool DisableUnsafeOperations { get; set; } = true;

    /// <summary>Whether a NetworkPolicy denies traffic from other namespaces.</summary>
    [DefaultValue(false)]
    public bool DenyCrossNamespaceTraffic { get; set; }

    /// <summary>Whether workloads may ask for Process isolation (sharing the host kernel).</summary>
    [DefaultValue(false)]
    public bool AllowProcessIsolation { get; set; }

    /// <summary>Whether only Windows pods may run in covered namespaces.</summary>
    [DefaultValue(true)]
    public bool WindowsOnly { get; set; } = true;

    /// <summary>Who may change the trust labels of covered namespaces.</summary>
    public PolicyAdministrators? Administrators { get; set; }
}
