using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

/// <summary>The real kubectl printing the server-side Tables of the built-in kinds the project uses.</summary>
public sealed class KubectlTableTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    [Fact]
    public async Task GetPods_DefaultAndWide_PrintKubeApiserverColumns()
    {
        using var client = tools.Server.CreateClient();
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "printed" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
        }, "default");
        await client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding { Metadata = new V1ObjectMeta { Name = "printed" }, Target = new V1ObjectReference { Name = "win-node-1" } }, "printed", "default");
        var pod = await client.CoreV1.ReadNamespacedPodAsync("printed", "default");
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            PodIP = "10.244.1.7",
            PodIPs = [new V1PodIP { Ip = "10.244.1.7" }],
            ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = "app:1", ImageID = string.Empty, Ready = true, RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning() } }],
        };
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "printed", "default");

        var plain = await tools.KubectlAsync("get", "pods", "printed");
        var wide = await tools.KubectlAsync("get", "pods", "printed", "-o", "wide");

        plain.ExitCode.Should().Be(0, plain.All);
        Header(plain.Output).Should().Equal("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        Row(plain.Output).Take(4).Should().Equal("printed", "1/1", "Running", "0");
        Header(wide.Output).Should().Equal("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES");
        Row(wide.Output).Skip(5).Should().Equal("10.244.1.7", "win-node-1", "<none>", "<none>");
    }

    [Fact]
    public async Task GetNodes_Wide_PrintsReadyRolesVersionAndAddresses()
    {
        using var client = tools.Server.CreateClient();
        var node = await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "win-printed", Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/hyperv"] = string.Empty } },
        });
        node.Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "10.0.0.9" }],
            NodeInfo = new V1NodeSystemInfo
            {
                KubeletVersion = "v1.31.1",
                OsImage = "Windows",
                KernelVersion = "10.0.20348.2700",
                ContainerRuntimeVersion = "containerd://1.7.20",
                Architecture = "amd64",
                BootID = string.Empty,
                MachineID = string.Empty,
                OperatingSystem = "windows",
                SystemUUID = string.Empty,
                KubeProxyVersion = string.Empty,
            },
        };
        await client.CoreV1.ReplaceNodeStatusAsync(node, "win-printed");

        var plain = await tools.KubectlAsync("get", "nodes", "win-printed");
        var wide = await tools.KubectlAsync("get", "nodes", "win-printed", "-o", "wide");

        plain.ExitCode.Should().Be(0, plain.All);
        Header(plain.Output).Should().Equal("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        Row(plain.Output).Should().HaveCount(5);
        Row(plain.Output)[..3].Should().Equal("win-printed", "Ready", "hyperv");
        Row(plain.Output)[4].Should().Be("v1.31.1");
        Header(wide.Output).Should().Equal("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
        Row(wide.Output)[5..].Should().Equal("10.0.0.9", "<none>", "Windows", "10.0.20348.2700", "containerd://1.7.20");
    }

    [Fact]
    public async Task GetEvents_PrintsLastSeenTypeReasonObjectMessage()
    {
        using var client = tools.Server.CreateClient();
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "printed.1", NamespaceProperty = "default" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "printed", NamespaceProperty = "default" },
            Reason = "Started",
            Message = "Started in VM",
            Type = "Normal",
            Source = new V1EventSource { Component = "kubelet" },
            FirstTimestamp = DateTime.UtcNow,
            LastTimestamp = DateTime.UtcNow,
            Count = 1,
        }, "default");

        var result = await tools.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=printed");

        result.ExitCode.Should().Be(0, result.All);
        Header(result.Output).Should().Equal("LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        Row(result.Output)[1..].Should().Equal("Normal", "Started", "pod/printed", "Started", "in", "VM");
    }

    [Fact]
    public async Task GetProjectKinds_PrintTheirOwnColumns()
    {
        using var client = tools.Server.CreateClient();
        await client.NodeV1.CreateRuntimeClassAsync(new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "hyperv-printed" }, Handler = "runhcs-wcow-hypervisor" });
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "printed" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
        }, "default");
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "printed" }, Spec = new V1LeaseSpec { HolderIdentity = "operator-0" } }, "default");
        await client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "printed" },
            Webhooks =
            [
                new V1ValidatingWebhook
                {
                    Name = "pods.printed.example.com", SideEffects = "None", AdmissionReviewVersions = ["v1"],
                    ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = "https://127.0.0.1:1/validate" },
                },
            ],
        });

        var runtimeClass = await tools.KubectlAsync("get", "runtimeclass", "hyperv-printed");
        var policy = await tools.KubectlAsync("get", "networkpolicy", "printed");
        var lease = await tools.KubectlAsync("get", "lease", "printed");
        var webhooks = await tools.KubectlAsync("get", "validatingwebhookconfiguration", "printed");

        Header(runtimeClass.Output).Should().Equal("NAME", "HANDLER", "AGE");
        Row(runtimeClass.Output)[..2].Should().Equal("hyperv-printed", "runhcs-wcow-hypervisor");
        Header(policy.Output).Should().Equal("NAME", "POD-SELECTOR", "AGE");
        Row(policy.Output)[..2].Should().Equal("printed", "app=web");
        Header(lease.Output).Should().Equal("NAME", "HOLDER", "AGE");
        Row(lease.Output)[..2].Should().Equal("printed", "operator-0");
        Header(webhooks.Output).Should().Equal("NAME", "WEBHOOKS", "AGE");
        Row(webhooks.Output)[..2].Should().Equal("printed", "1");
    }

    private static string[] Header(string output) => Words(output, 0);

    private static string[] Row(string output) => Words(output, 1);

    private static string[] Words(string output, int line) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[line].Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
