using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>Random but valid-shaped pods for property tests: annotations, selectors, tolerations and resources vary.</summary>
internal static class PodGenerator
{
    private static readonly string[] AnnotationKeys =
    [
        "io.microsoft.virtualmachine.cpugroup.id",
        "io.microsoft.virtualmachine.computetopology.memory.sizeinmb",
        "io.microsoft.virtualmachine.computetopology.processor.count",
        "io.microsoft.disable-unsafe-operations",
        "io.microsoft.container.processor.limit",
        "IO.MICROSOFT.virtualmachine.fullyphysicallybacked",
        "example.com/a~b/c",
        "team",
    ];

    private static readonly string[] Images =
    [
        "mcr.microsoft.com/windows/nanoserver:ltsc2022",
        "mcr.microsoft.com/windows/servercore:ltsc2019",
        "mcr.microsoft.com/windows/server:ltsc2022",
        "registry.tenant-a.example:5000/apps/web:1",
        "nginx",
    ];

    private static readonly string[] Quantities = ["100m", "500m", "1", "2", "3500m", "128Mi", "512Mi", "1Gi", "3Gi", "6Gi"];

    public static V1Pod Next(Random random)
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = Maybe(random, () => AnnotationKeys.Where(_ => random.Next(3) == 0).ToDictionary(key => key, _ => random.Next(4) switch { 0 => "true", 1 => "1536", 2 => "1", _ => "x" }));
        pod.Spec.NodeSelector = Maybe(random, () => new Dictionary<string, string>
        {
            [random.Next(2) == 0 ? "kubernetes.io/os" : "node.kubernetes.io/windows-build"] = random.Next(4) switch { 0 => "windows", 1 => "linux", 2 => "10.0.26100", _ => "Windows" },
        });
        pod.Spec.Os = Maybe(random, () => new V1PodOS { Name = random.Next(3) == 0 ? "linux" : "windows" });
        pod.Spec.RuntimeClassName = random.Next(4) == 0 ? "hyperv-ltsc2025" : null;
        pod.Spec.Tolerations = Maybe(random, () => new List<V1Toleration>
        {
            random.Next(2) == 0
                ? new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }
                : new V1Toleration { Key = "gpu", OperatorProperty = "Exists" },
        });
        pod.Spec.Containers = Enumerable.Range(0, 1 + random.Next(3)).Select(index => new V1Container
        {
            Name = $"c{index}",
            Image = Images[random.Next(Images.Length)],
            Resources = new V1ResourceRequirements
            {
                Requests = Maybe(random, () => new Dictionary<string, ResourceQuantity> { ["cpu"] = new(Quantities[random.Next(5)]), ["memory"] = new(Quantities[5 + random.Next(5)]) }),
                Limits = Maybe(random, () => new Dictionary<string, ResourceQuantity> { ["memory"] = new(Quantities[5 + random.Next(5)]) }),
            },
        }).ToList();
        return pod;
    }

    private static T? Maybe<T>(Random random, Func<T> create)
        where T : class => random.Next(2) == 0 ? null : create();
}
