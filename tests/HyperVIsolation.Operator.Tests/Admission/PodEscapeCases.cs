using HyperVIsolation.Operator.Admission.Rules;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>The escape table: every way we know a pod could leave or weaken its utility VM.</summary>
internal static class PodEscapeCases
{
    private const string Evil = "evil.example.com/tools/shell:1";

    public static IReadOnlyList<EscapeCase> All { get; } =
    [
        // Host access on CREATE.
        new("pod HostProcess", EscapeRoute.Create, pod => pod.Spec.SecurityContext = HostProcessPod(), "spec.securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "may not run HostProcess containers"),
        new("container HostProcess", EscapeRoute.Create, pod => pod.Spec.Containers[0].SecurityContext = HostProcessContainer(), "spec.containers[0].securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "run on the host outside the utility VM"),
        new("init container HostProcess", EscapeRoute.Create, pod => pod.Spec.InitContainers = [Container("init", HostProcessContainer())], "spec.initContainers[0].securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "may not run HostProcess containers"),
        new("ephemeral container HostProcess at CREATE", EscapeRoute.Create, pod => pod.Spec.EphemeralContainers = [Ephemeral("debug", AdmissionFixtures.NanoServer, HostProcessContainer())], "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "may not run HostProcess containers"),
        new("host network", EscapeRoute.Create, pod => pod.Spec.HostNetwork = true, "spec.hostNetwork", RuleIds.HostNetwork, "pods in namespace 'tenant-a' may not use the host network"),
        new("host PID", EscapeRoute.Create, pod => pod.Spec.HostPID = true, "spec.hostPID", RuleIds.HostPid, "may not share the host's process namespace"),
        new("host IPC", EscapeRoute.Create, pod => pod.Spec.HostIPC = true, "spec.hostIPC", RuleIds.HostIpc, "may not share the host's IPC namespace"),
        new("hostPath volume", EscapeRoute.Create, pod => pod.Spec.Volumes = [HostPath("c", "C:\\")], "spec.volumes[0].hostPath", RuleIds.HostPath, "may not mount host paths"),
        new("hostPath volume behind an emptyDir", EscapeRoute.Create, pod => pod.Spec.Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }, HostPath("pipe", "\\\\.\\pipe\\containerd-containerd")], "spec.volumes[1].hostPath", RuleIds.HostPath, "may not mount host paths"),
        new("privileged container", EscapeRoute.Create, pod => pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true }, "spec.containers[0].securityContext.privileged", RuleIds.Privileged, "may not run privileged containers"),
        new("privileged init container", EscapeRoute.Create, pod => pod.Spec.InitContainers = [Container("init", new V1SecurityContext { Privileged = true })], "spec.initContainers[0].securityContext.privileged", RuleIds.Privileged, "may not run privileged containers"),

        // Runtime and placement on CREATE.
        new("foreign RuntimeClass", EscapeRoute.Create, pod => pod.Spec.RuntimeClassName = "runhcs-wcow-process", "spec.runtimeClassName", RuleIds.ForeignRuntimeClass, "may only use the operator's Hyper-V RuntimeClasses (hyperv-ltsc2022, hyperv-ltsc2025), not 'runhcs-wcow-process'"),
        new("no RuntimeClass", EscapeRoute.Create, pod => pod.Spec.RuntimeClassName = null, "spec.runtimeClassName", RuleIds.ProcessIsolation, "must run in a Hyper-V utility VM, but no Hyper-V RuntimeClass is set"),
        new("our process RuntimeClass", EscapeRoute.Create, pod => pod.Spec.RuntimeClassName = "process-ltsc2022", "spec.runtimeClassName", RuleIds.ProcessIsolation, "RuntimeClass 'process-ltsc2022' uses process isolation, which shares the host kernel"),
        new("nodeName on CREATE", EscapeRoute.Create, pod => pod.Spec.NodeName = "win-node-1", "spec.nodeName", RuleIds.NodeName, "may not pick their node ('win-node-1')"),
        new("Linux by spec.os", EscapeRoute.Create, pod => pod.Spec.Os = new V1PodOS { Name = "linux" }, "spec.os.name", RuleIds.LinuxPod, "must be Windows pods, but this one asks for Linux"),
        new("Linux by nodeSelector", EscapeRoute.Create, pod => pod.Spec.NodeSelector["kubernetes.io/os"] = "linux", "spec.nodeSelector[kubernetes.io/os]", RuleIds.LinuxPod, "must be Windows pods"),

        // Images on CREATE.
        new("Docker Hub image", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "nginx", "spec.containers[0].image", RuleIds.ImageRegistry, "comes from docker.io/library/nginx, which is not under an allowed registry"),
        new("look-alike registry host", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "mcr.microsoft.com.evil.io/windows/nanoserver:ltsc2022", "spec.containers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("look-alike repository prefix", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "mcr.microsoft.com/windows-evil/nanoserver:ltsc2022", "spec.containers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("allowed registry as a path", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "evil.io/mcr.microsoft.com/windows/servercore:ltsc2022", "spec.containers[0].image", RuleIds.ImageRegistry, "comes from evil.io/"),
        new("allowed host on another port", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "registry.tenant-a.example:5001/apps/web:1", "spec.containers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("init container image", EscapeRoute.Create, pod => pod.Spec.InitContainers = [new V1Container { Name = "init", Image = Evil }], "spec.initContainers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("unparseable image", EscapeRoute.Create, pod => pod.Spec.Containers[0].Image = "Evil Image!", "spec.containers[0].image", RuleIds.ImageRegistry, "is not an image reference the policy can check"),
        new("image without digest", EscapeRoute.Create, _ => { }, "spec.containers[0].image", RuleIds.ImageDigest, "must be pinned by digest", spec => spec.RequireImageDigest = true),
        new("init image without digest", EscapeRoute.Create, pod => { pod.Spec.Containers[0].Image = $"mcr.microsoft.com/windows/nanoserver@{AdmissionFixtures.Digest}"; pod.Spec.InitContainers = [new V1Container { Name = "init", Image = AdmissionFixtures.NanoServer }]; }, "spec.initContainers[0].image", RuleIds.ImageDigest, "must be pinned by digest", spec => spec.RequireImageDigest = true),

        // VM size and annotations on CREATE.
        new("VM memory over cap", EscapeRoute.Create, pod => pod.Spec.Containers[0].Resources.Limits["memory"] = new ResourceQuantity("64Gi"), "spec.containers", RuleIds.VmSize, "over the cap maxMemoryMiB=8192 of IsolationPolicy 'untrusted-tenants'"),
        new("VM processors over cap", EscapeRoute.Create, pod => pod.Spec.Containers[0].Resources.Limits["cpu"] = new ResourceQuantity("16"), "spec.containers", RuleIds.VmSize, "over the cap maxProcessorCount=4"),
        new("CPU group annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.cpugroup.id"] = "{00000000-0000-0000-0000-000000000001}", "metadata.annotations[io.microsoft.virtualmachine.cpugroup.id]", RuleIds.ReservedAnnotation, "is reserved for the operator"),
        new("dump directory annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.dump-directory-path"] = "C:\\Windows\\System32", "metadata.annotations[io.microsoft.virtualmachine.dump-directory-path]", RuleIds.ReservedAnnotation, "is reserved for the operator"),
        new("fully physically backed annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.fullyphysicallybacked"] = "true", "metadata.annotations[io.microsoft.virtualmachine.fullyphysicallybacked]", RuleIds.ReservedAnnotation, "is reserved for the operator"),
        new("writable shares annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.fileshares.disablewritable"] = "false", "metadata.annotations[io.microsoft.virtualmachine.fileshares.disablewritable]", RuleIds.ReservedAnnotation, "is reserved for the operator"),
        new("huge VM memory annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "1048576", "metadata.annotations[io.microsoft.virtualmachine.computetopology.memory.sizeinmb]", RuleIds.ReservedAnnotation, "is '1048576', but the operator sets '1536'"),
        new("more processors annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.computetopology.processor.count"] = "64", "metadata.annotations[io.microsoft.virtualmachine.computetopology.processor.count]", RuleIds.ReservedAnnotation, "is '64', but the operator sets '1'"),
        new("unsafe operations turned back on", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.disable-unsafe-operations"] = "false", "metadata.annotations[io.microsoft.disable-unsafe-operations]", RuleIds.ReservedAnnotation, "is 'false', but the operator sets 'true'"),
        new("unsafe operations annotation dropped", EscapeRoute.Create, pod => pod.Metadata.Annotations.Remove("io.microsoft.disable-unsafe-operations"), "metadata.annotations[io.microsoft.disable-unsafe-operations]", RuleIds.ReservedAnnotation, "must be 'true' but is missing"),
        new("container-level annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["io.microsoft.container.processor.count"] = "64", "metadata.annotations[io.microsoft.container.processor.count]", RuleIds.ReservedAnnotation, "is reserved for the operator"),
        new("upper-case Microsoft annotation", EscapeRoute.Create, pod => pod.Metadata.Annotations["IO.Microsoft.virtualmachine.cpugroup.id"] = "1", "metadata.annotations[IO.Microsoft.virtualmachine.cpugroup.id]", RuleIds.ReservedAnnotation, "is reserved for the operator"),

        // UPDATEs of isolation-relevant fields.
        new("UPDATE RuntimeClass", EscapeRoute.Update, pod => pod.Spec.RuntimeClassName = "process-ltsc2022", "spec.runtimeClassName", RuleIds.ImmutableField, "may not change after the pod is created"),
        new("UPDATE adds Microsoft annotation", EscapeRoute.Update, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.cpugroup.id"] = "1", "metadata.annotations[io.microsoft.*]", RuleIds.ImmutableField, "may not change after the pod is created"),
        new("UPDATE grows VM memory annotation", EscapeRoute.Update, pod => pod.Metadata.Annotations["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "65536", "metadata.annotations[io.microsoft.*]", RuleIds.ImmutableField, "affects the pod's isolation"),
        new("UPDATE removes unsafe-operations annotation", EscapeRoute.Update, pod => pod.Metadata.Annotations.Remove("io.microsoft.disable-unsafe-operations"), "metadata.annotations[io.microsoft.*]", RuleIds.ImmutableField, "affects the pod's isolation"),
        new("UPDATE nodeSelector", EscapeRoute.Update, pod => pod.Spec.NodeSelector["kubernetes.io/os"] = "linux", "spec.nodeSelector", RuleIds.ImmutableField, "may not change"),
        new("UPDATE adds toleration", EscapeRoute.Update, pod => pod.Spec.Tolerations.Add(new V1Toleration { OperatorProperty = "Exists" }), "spec.tolerations", RuleIds.ImmutableField, "may not change"),
        new("UPDATE affinity", EscapeRoute.Update, pod => pod.Spec.Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity() }, "spec.affinity", RuleIds.ImmutableField, "may not change"),
        new("UPDATE pod security context to HostProcess", EscapeRoute.Update, pod => pod.Spec.SecurityContext = HostProcessPod(), "spec.securityContext", RuleIds.ImmutableField, "may not change"),
        new("UPDATE container to privileged", EscapeRoute.Update, pod => pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true }, "spec.containers[0].securityContext.privileged", RuleIds.Privileged, "may not run privileged containers"),
        new("UPDATE host network", EscapeRoute.Update, pod => pod.Spec.HostNetwork = true, "spec.hostNetwork", RuleIds.ImmutableField, "may not change"),
        new("UPDATE adds hostPath volume", EscapeRoute.Update, pod => pod.Spec.Volumes = [HostPath("c", "C:\\")], "spec.volumes", RuleIds.ImmutableField, "may not change"),
        new("UPDATE image to another registry", EscapeRoute.Update, pod => pod.Spec.Containers[0].Image = Evil, "spec.containers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("UPDATE image to an unpinned one", EscapeRoute.Update, pod => pod.Spec.Containers[0].Image = "mcr.microsoft.com/windows/nanoserver:ltsc2025", "spec.containers[0].image", RuleIds.ImageDigest, "must be pinned by digest", spec => spec.RequireImageDigest = true),
        new("UPDATE OS", EscapeRoute.Update, pod => pod.Spec.Os = new V1PodOS { Name = "linux" }, "spec.os", RuleIds.ImmutableField, "may not change"),

        // Ephemeral containers through their subresource.
        new("ephemeral HostProcess", EscapeRoute.EphemeralContainers, pod => pod.Spec.EphemeralContainers = [Ephemeral("debug", AdmissionFixtures.NanoServer, HostProcessContainer())], "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "run on the host outside the utility VM"),
        new("ephemeral privileged", EscapeRoute.EphemeralContainers, pod => pod.Spec.EphemeralContainers = [Ephemeral("debug", AdmissionFixtures.NanoServer, new V1SecurityContext { Privileged = true })], "spec.ephemeralContainers[0].securityContext.privileged", RuleIds.Privileged, "may not run privileged containers"),
        new("ephemeral image from another registry", EscapeRoute.EphemeralContainers, pod => pod.Spec.EphemeralContainers = [Ephemeral("debug", Evil, null)], "spec.ephemeralContainers[0].image", RuleIds.ImageRegistry, "not under an allowed registry"),
        new("ephemeral image without digest", EscapeRoute.EphemeralContainers, pod => pod.Spec.EphemeralContainers = [Ephemeral("debug", AdmissionFixtures.NanoServer, null)], "spec.ephemeralContainers[0].image", RuleIds.ImageDigest, "must be pinned by digest", spec => spec.RequireImageDigest = true),
        new("second ephemeral container HostProcess", EscapeRoute.EphemeralContainers, pod => pod.Spec.EphemeralContainers = [Ephemeral("ok", AdmissionFixtures.NanoServer, null), Ephemeral("debug", AdmissionFixtures.NanoServer, HostProcessContainer())], "spec.ephemeralContainers[1].securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, "may not run HostProcess containers"),
        new("ephemeral update smuggles RuntimeClass", EscapeRoute.EphemeralContainers, pod => { pod.Spec.EphemeralContainers = [Ephemeral("debug", AdmissionFixtures.NanoServer, null)]; pod.Spec.RuntimeClassName = "runhcs-wcow-process"; }, "spec.runtimeClassName", RuleIds.ImmutableField, "may not change"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var escape in All)
        {
            data.Add(escape.Name);
        }

        return data;
    }

    public static EscapeCase Named(string name) => All.Single(escape => escape.Name == name);

    private static V1PodSecurityContext HostProcessPod() => new() { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true, RunAsUserName = "NT AUTHORITY\\SYSTEM" } };

    private static V1SecurityContext HostProcessContainer() => new() { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true } };

    private static V1Container Container(string name, V1SecurityContext securityContext) => new() { Name = name, Image = AdmissionFixtures.NanoServer, SecurityContext = securityContext };

    private static V1EphemeralContainer Ephemeral(string name, string image, V1SecurityContext? securityContext) => new() { Name = name, Image = image, SecurityContext = securityContext };

    private static V1Volume HostPath(string name, string path) => new() { Name = name, HostPath = new V1HostPathVolumeSource { Path = path } };
}
