using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>Realistic AdmissionReview bodies: a two-container Windows pod as a tenant submits it, and as stored after mutation.</summary>
internal static class PodReviews
{
    /// <summary>The benchmark's tenant namespace.</summary>
    public const string Namespace = "bench-tenant";

    /// <summary>A web pod with an init container, resources, env, probes and volumes (about 3 KB of JSON).</summary>
    public static V1Pod Submitted(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "frontend", ["pod-template-hash"] = "7d9f8c6b5" },
            Annotations = new Dictionary<string, string> { ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "8080" },
        },
        Spec = new V1PodSpec
        {
            InitContainers = [Container("migrate", "mcr.microsoft.com/windows/servercore:ltsc2022", "200m", "256Mi")],
            Containers = [Container("web", "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "1", "2Gi"), Container("log-shipper", "mcr.microsoft.com/windows/nanoserver:ltsc2022", "100m", "128Mi")],
            Volumes = [new V1Volume { Name = "content", EmptyDir = new V1EmptyDirVolumeSource() }, new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "web-config" } }],
            ServiceAccountName = "default",
            TerminationGracePeriodSeconds = 30,
        },
    };

    /// <summary>An AdmissionReview CREATE of <paramref name="pod"/> as the tenant.</summary>
    public static byte[] CreateReview(V1Pod pod)
    {
        var request = new JsonObject
        {
            ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
            ["kind"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Pod" },
            ["resource"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["resource"] = "pods" },
            ["requestKind"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Pod" },
            ["requestResource"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["resource"] = "pods" },
            ["name"] = pod.Metadata.Name,
            ["namespace"] = Namespace,
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject { ["username"] = "tenant-bob", ["uid"] = "b0b", ["groups"] = new JsonArray("tenants", "system:authenticated") },
            ["object"] = JsonNode.Parse(KubernetesJson.Serialize(pod)),
            ["oldObject"] = null,
            ["dryRun"] = false,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
        };
        return Encoding.UTF8.GetBytes(new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString());
    }

    private static V1Container Container(string name, string image, string cpu, string memory) => new()
    {
        Name = name,
        Image = image,
        Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
        Env = [new V1EnvVar { Name = "ASPNETCORE_URLS", Value = "http://+:8080" }, new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
        },
        VolumeMounts = [new V1VolumeMount { Name = "content", MountPath = "C:\\content" }],
        ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 }, PeriodSeconds = 5 },
    };
}
