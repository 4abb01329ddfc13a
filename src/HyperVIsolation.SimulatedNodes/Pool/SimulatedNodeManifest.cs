using System.Globalization;
using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>The Node object a simulated Windows kubelet registers, and its status conditions. Pure.</summary>
public static class SimulatedNodeManifest
{
    /// <summary>Annotation naming the pool group a simulated node belongs to.</summary>
    public const string GroupAnnotation = "simulated-nodes.hyperv-isolation.dev/group";

    /// <summary>The Node to register (spec, labels, capacity, nodeInfo and healthy conditions).</summary>
    public static V1Node Build(SimulatedNode node, string kubeletVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var group = node.Group;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.Os] = "windows",
            [WellKnownLabels.Arch] = "amd64",
            [WellKnownLabels.Hostname] = node.Name,
            [WellKnownLabels.WindowsBuild] = node.Build.LabelValue,
            ["beta.kubernetes.io/os"] = "windows",
            ["beta.kubernetes.io/arch"] = "amd64",
        };
        foreach (var (key, value) in group.Labels)
        {
            labels[key] = value;
        }

        var capacity = Capacity(group);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = node.Name,
                Labels = labels,
                Annotations = new Dictionary<string, string> { [GroupAnnotation] = group.Name, ["node.alpha.kubernetes.io/ttl"] = "0" },
            },
            Spec = new V1NodeSpec
            {
                PodCIDR = node.PodCidr,
                PodCIDRs = [node.PodCidr],
                ProviderID = "simulated://" + node.Name,
                Taints = group.Taints.Count == 0 ? null : [.. group.Taints.Select(t => new V1Taint { Effect = t.Effect, Key = t.Key, Value = t.Value })],
            },
            Status = new V1NodeStatus
            {
                Capacity = capacity,
                Allocatable = capacity,
                Addresses = [new V1NodeAddress { Address = node.InternalIp, Type = "InternalIP" }, new V1NodeAddress { Address = node.Name, Type = "Hostname" }],
                NodeInfo = NodeInfo(node, kubeletVersion),
                Conditions = Conditions(node.Faults.Readiness, node.Faults.HostOutOfMemory, node.Faults.IsCriUnavailable, now, now),
                DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = 10250 } },
            },
        };
    }

    /// <summary>
    /// The node conditions for the current faults. <paramref name="readySince"/> is the Ready
    /// condition's last transition; heartbeats carry <paramref name="now"/>.
    /// </summary>
    public static IList<V1NodeCondition> Conditions(
        NodeReadinessFault readiness, bool hostOutOfMemory, bool criUnavailable, DateTimeOffset now, DateTimeOffset readySince)
    {
        var heartbeat = Seconds(now);
        var since = Seconds(readySince);
        var ready = (readiness, criUnavailable) switch
        {
            (NodeReadinessFault.Unreachable, _) => Condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", heartbeat, since),
            (NodeReadinessFault.ReportsNotReady, _) => Condition("Ready", "False", "KubeletNotReady", "container runtime network not ready: NetworkReady=false", heartbeat, since),
            (_, true) => Condition("Ready", "False", "KubeletNotReady", "container runtime is down", heartbeat, since),
            _ => Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, since),
        };
        var memory = hostOutOfMemory
            ? Condition("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", heartbeat, since)
            : Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, since);
        return
        [
            memory,
            Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, since),
            Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, since),
            ready,
        ];
    }

    /// <summary>Kubernetes timestamps have whole seconds; truncating keeps written and read-back values equal.</summary>
    public static DateTime Seconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static V1NodeCondition Condition(string type, string status, string reason, string message, DateTime heartbeat, DateTime since) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastHeartbeatTime = heartbeat,
        LastTransitionTime = since,
    };

    private static Dictionary<string, ResourceQuantity> Capacity(NodeGroupConfig group)
    {
        var capacity = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(group.Cpu),
            ["memory"] = new(group.Memory),
            ["pods"] = new(group.Pods.ToString(CultureInfo.InvariantCulture)),
            ["ephemeral-storage"] = new("127Gi"),
        };
        foreach (var (name, quantity) in group.ExtendedResources)
        {
            capacity[name] = new ResourceQuantity(quantity);
        }

        return capacity;
    }

    private static V1NodeSystemInfo NodeInfo(SimulatedNode node, string kubeletVersion)
    {
        var release = node.Build.Number switch
        {
            17763 => "Windows Server 2019",
            20348 => "Windows Server 2022",
            26100 => "Windows Server 2025",
            _ => "Windows Server",
        };
        var id = Guid.NewGuid().ToString();
        return new V1NodeSystemInfo
        {
            Architecture = "amd64",
            OperatingSystem = "windows",
            OsImage = $"{release} {node.Group.Edition}",
            KernelVersion = string.Create(CultureInfo.InvariantCulture, $"10.0.{node.Build.Number}.{node.Group.BuildRevision}"),
            ContainerRuntimeVersion = "containerd://" + node.Group.ContainerdVersion.TrimStart('v'),
            KubeletVersion = kubeletVersion,
            KubeProxyVersion = kubeletVersion,
            MachineID = node.Name,
            SystemUUID = id.ToUpperInvariant(),
            BootID = string.Empty,
        };
    }
}
