using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

internal static class TestPods
{
    public const string HyperVClass = "hyperv";

    public static V1RuntimeClass HyperVRuntimeClass(IDictionary<string, ResourceQuantity>? overhead = null, string? build = null)
    {
        var selector = new Dictionary<string, string> { [WellKnownLabels.Os] = "windows" };
        if (build is not null)
        {
            selector[WellKnownLabels.WindowsBuild] = build;
        }

        return new()
        {
            ApiVersion = "node.k8s.io/v1",
            Kind = "RuntimeClass",
            Metadata = new V1ObjectMeta { Name = HyperVClass },
            Handler = "runhcs-wcow-hypervisor",
            Overhead = overhead is null ? null : new V1Overhead { PodFixed = overhead },
            Scheduling = new V1Scheduling
            {
                NodeSelector = selector,
                Tolerations = [new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }],
            },
        };
    }

    public static V1Pod Pod(string name, string image = "mcr.microsoft.com/windows/nanoserver:ltsc2019", string? runtimeClass = HyperVClass, string? memory = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Annotations = new Dictionary<string, string>() },
            Spec = new V1PodSpec
            {
                RuntimeClassName = runtimeClass,
                Containers = [new V1Container { Name = "app", Image = image, Resources = new V1ResourceRequirements { Requests = requests } }],
                RestartPolicy = "Always",
            },
        };
    }
}
