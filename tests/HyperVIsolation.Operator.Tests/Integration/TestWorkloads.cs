using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>Nano Server workloads for the integration tests.</summary>
internal static class TestWorkloads
{
    public static IsolatedWorkload NanoServer(
        string ns, string name, int replicas, WindowsVersion version = WindowsVersion.Ltsc2022, int maxSurge = 1, int maxUnavailable = 0, string memoryLimit = "512Mi") => new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new IsolatedWorkloadSpec
            {
                Replicas = replicas,
                Os = new OsSelection { Flavor = OsFlavor.NanoServer, Version = version },
                Strategy = new UpdateStrategy
                {
                    Type = UpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateSettings { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable },
                },
                Template = new WorkloadTemplate
                {
                    Labels = new Dictionary<string, string> { ["app"] = name },
                    Containers =
                    [
                        new WorkloadContainer
                        {
                            Name = "app",
                            Resources = new ContainerResources
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new(memoryLimit) },
                            },
                        },
                    ],
                },
            },
        };
}
