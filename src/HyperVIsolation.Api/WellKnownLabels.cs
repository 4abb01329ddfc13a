namespace HyperVIsolation.Api;

/// <summary>Label keys the product reads or writes.</summary>
public static class WellKnownLabels
{
    /// <summary>Node OS label.</summary>
    public const string Os = "kubernetes.io/os";

    /// <summary>Node architecture label.</summary>
    public const string Arch = "kubernetes.io/arch";

    /// <summary>Node hostname label.</summary>
    public const string Hostname = "kubernetes.io/hostname";

    /// <summary>Node Windows build label, value <c>10.0.&lt;build&gt;</c>.</summary>
    public const string WindowsBuild = "node.kubernetes.io/windows-build";

    /// <summary>Set to <c>true</c> by the node agent once containerd's Hyper-V handlers are configured.</summary>
    public const string NodeReady = ApiGroupPrefix + "ready";

    /// <summary>The IsolatedWorkload a pod belongs to.</summary>
    public const string Workload = ApiGroupPrefix + "workload";

    /// <summary>Hash of the pod template a pod was rendered from, for rolling updates.</summary>
    public const string TemplateHash = ApiGroupPrefix + "template-hash";

    /// <summary>Marks RuntimeClasses the operator created and owns.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/> on objects the operator owns.</summary>
    public const string ManagedByValue = "hyperv-isolation";

    private const string ApiGroupPrefix = V1Alpha1.ApiGroup.Group + "/";
}
