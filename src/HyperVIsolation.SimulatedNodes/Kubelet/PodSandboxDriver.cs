using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.NodeAgent.Cri.V1;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.SimulatedNodes.Cri;
using HyperVIsolation.SimulatedNodes.Hcs;
using HyperVIsolation.SimulatedNodes.Logs;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// Carries out a <see cref="PodStartupPlan"/> on one simulated node, playing containerd and the runhcs
/// shim: creates the sandbox and containers in the CRI tables, boots the utility VM in the node's HCS,
/// moves containers along (running after the boot time, crashes, back-off) and tears it all down.
/// </summary>
internal sealed class PodSandboxDriver(SimulatedNode node, KubeletLoopOptions options)
{
    private readonly HashSet<int> usedIpHosts = [];

    public PodRuntimeRecord Admit(V1Pod pod, PodStartupPlan plan, DateTimeOffset now)
    {
        var uid = pod.Metadata.Uid ?? pod.Metadata.Name;
        var record = new PodRuntimeRecord { Uid = uid, Namespace = pod.Metadata.NamespaceProperty, Name = pod.Metadata.Name, Plan = plan, AdmittedAt = now };
        foreach (var (container, isInit) in (pod.Spec.InitContainers ?? []).Select(c => (c, true)).Concat(pod.Spec.Containers.Select(c => (c, false))))
        {
            record.Containers.Add(new ContainerRuntimeRecord { Name = container.Name, Image = container.Image, Id = RuntimeIds.Container(uid, container.Name), IsInit = isInit });
        }

        var sandboxError = plan.SandboxError ?? BootUtilityVm(record, plan);
        if (sandboxError is not null)
        {
            FailSandbox(record, sandboxError, now);
            return record;
        }

        record.IpHost = AllocateIpHost();
        record.PodIp = node.PodIp(record.IpHost.Value);
        record.SandboxId = plan.SandboxId;
        record.RunningAt = now + (plan.Isolation == IsolationMode.HyperV ? node.Group.VmBootTime : TimeSpan.Zero);
        node.Runtime.AddSandbox(new SimulatedSandbox
        {
            Id = plan.SandboxId,
            Name = record.Name,
            Namespace = record.Namespace,
            Uid = uid,
            CreatedAt = now,
            RuntimeHandler = plan.Handler,
            Ip = record.PodIp,
            Labels = SandboxLabels(pod),
            Annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        });
        foreach (var container in record.Containers)
        {
            container.StartError = plan.ContainerErrors.GetValueOrDefault(container.Name);
            container.Stage = container.StartError is null ? ContainerStage.Creating : ContainerStage.StartFailed;
            node.Runtime.AddContainer(new SimulatedContainer
            {
                Id = container.Id,
                PodSandboxId = plan.SandboxId,
                Name = container.Name,
                Image = container.Image,
                ImageRef = RuntimeIds.ImageId(container.Image),
                State = ContainerState.ContainerCreated,
                CreatedAt = now,
            });
        }

        return record;
    }

    /// <summary>Moves containers along with time: running once the VM has booted, restarted after back-off.</summary>
    public void Advance(PodRuntimeRecord record, DateTimeOffset now)
    {
        if (record.SandboxError is not null || now < record.RunningAt)
        {
            return;
        }

        foreach (var container in record.Containers)
        {
            var due = container.Stage == ContainerStage.Creating
                || (container.Stage == ContainerStage.CrashLoopBackOff && container.BackOffUntil <= now);
            if (!due)
            {
                continue;
            }

            if (container.IsInit)
            {
                container.Stage = ContainerStage.Exited;
                container.Terminated = new ContainerTermination(0, "Completed", record.RunningAt, record.RunningAt);
                SetCriState(container, ContainerState.ContainerExited);
                node.Logs.Start(record.Uid, container.Name, ContainerOutput.Started(node, record.Plan, record.VmId, container.Name, container.Image, 0, record.RunningAt));
                node.Logs.Finish(record.Uid, container.Name, ContainerOutput.Exited(container.Name, 0, record.RunningAt));
                continue;
            }

            // A restart after back-off starts when the back-off ends; a first start when the VM has booted.
            container.StartedAt = container.BackOffUntil ?? record.RunningAt;
            node.Logs.Start(
                record.Uid, container.Name, ContainerOutput.Started(node, record.Plan, record.VmId, container.Name, container.Image, container.RestartCount, container.StartedAt.Value));
            container.Stage = ContainerStage.Running;
            container.BackOffUntil = null;
            SetCriState(container, ContainerState.ContainerRunning);
        }

        if (record.IsFinished)
        {
            ReleaseVm(record);
        }
    }

    /// <summary>A running container exits with <paramref name="exitCode"/>; restarted after back-off unless the policy says no.</summary>
    public void Crash(PodRuntimeRecord record, V1Pod pod, string containerName, int exitCode, DateTimeOffset now)
    {
        var container = record.AppContainers.FirstOrDefault(c => c.Name == containerName && c.Stage == ContainerStage.Running);
        if (container is null)
        {
            return;
        }

        var ended = new ContainerTermination(exitCode, exitCode == 0 ? "Completed" : "Error", container.StartedAt ?? now, now);
        node.Logs.Finish(record.Uid, container.Name, ContainerOutput.Exited(container.Name, exitCode, now));
        SetCriState(container, ContainerState.ContainerExited);
        var policy = pod.Spec.RestartPolicy ?? "Always";
        if (policy == "Never" || (policy == "OnFailure" && exitCode == 0))
        {
            container.Stage = ContainerStage.Exited;
            container.Terminated = ended;
            return;
        }

        container.LastTerminated = ended;
        container.RestartCount++;
        container.Stage = ContainerStage.CrashLoopBackOff;
        container.BackOffUntil = now + options.CrashLoopBackOff;
    }

    /// <summary>Stops containers, removes the utility VM and the sandbox.</summary>
    public void TearDown(PodRuntimeRecord record)
    {
        ReleaseVm(record);
        node.Logs.Forget(record.Uid);
        if (record.SandboxId is not null)
        {
            node.Runtime.RemoveSandbox(record.SandboxId);
        }

        if (record.IpHost is { } host)
        {
            usedIpHosts.Remove(host);
        }
    }

    private PodStartupError? BootUtilityVm(PodRuntimeRecord record, PodStartupPlan plan)
    {
        if (plan.Isolation != IsolationMode.HyperV)
        {
            return null;
        }

        var vmId = SimulatedHostComputeService.UtilityVmId(plan.SandboxId);
        if (node.Faults.HostOutOfMemory)
        {
            return PodStartupDecision.SandboxFailure("rpc error: code = Unknown desc = " + PodStartupDecision.ShimTaskFailure(vmId, "Not enough memory resources are available to complete this operation."));
        }

        try
        {
            record.VmId = node.Hcs.CreateUtilityVm(plan.SandboxId, plan.ShimAnnotations, plan.HandlerOptions);
            return null;
        }
        catch (HcsException e)
        {
            var text = e.ErrorDocument is { } document
                ? HcsDocumentSerializer.DeserializeOptional(document, HcsJsonContext.Default.ResultError)?.ErrorMessage
                : null;
            return PodStartupDecision.SandboxFailure("rpc error: code = Unknown desc = " + PodStartupDecision.ShimTaskFailure(vmId, text ?? e.Message));
        }
    }

    private void FailSandbox(PodRuntimeRecord record, PodStartupError error, DateTimeOffset now)
    {
        record.SandboxError = error;
        record.RetryAt = now + options.SandboxRetryInterval;
        foreach (var container in record.Containers)
        {
            container.StartError = error;
        }
    }

    private void ReleaseVm(PodRuntimeRecord record)
    {
        if (record.VmId is not null)
        {
            node.Hcs.RemoveComputeSystem(record.VmId);
            record.VmId = null;
        }
    }

    private void SetCriState(ContainerRuntimeRecord container, ContainerState state)
    {
        if (node.Runtime.FindContainer(container.Id) is not null)
        {
            node.Runtime.SetContainerState(container.Id, state);
        }
    }

    private int AllocateIpHost()
    {
        for (var host = 2; host < 255; host++)
        {
            if (usedIpHosts.Add(host))
            {
                return host;
            }
        }

        // A /24 holds 253 pods; beyond that addresses repeat, which nothing here depends on.
        return 254;
    }

    // kubelet labels every sandbox with the pod's labels plus its name, namespace and uid (crictl pods --label, and the agent, find it by uid).
    private static Dictionary<string, string> SandboxLabels(V1Pod pod)
    {
        var labels = new Dictionary<string, string>(pod.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["io.kubernetes.pod.name"] = pod.Metadata.Name,
            ["io.kubernetes.pod.namespace"] = pod.Metadata.NamespaceProperty,
            ["io.kubernetes.pod.uid"] = pod.Metadata.Uid ?? pod.Metadata.Name,
        };
        return labels;
    }
}
