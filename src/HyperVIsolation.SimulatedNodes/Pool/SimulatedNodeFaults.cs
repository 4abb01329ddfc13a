using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.SimulatedNodes.Cri;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// Faults injected into one simulated node. The heartbeat and kubelet loops read them on every pass
/// and are woken at once when one changes. (A utility VM boot failure is injected on the node's
/// HCS directly: <see cref="Hcs.SimulatedHostComputeService.FailNextBoot"/>.) A containerd restart is
/// kept on the node's runtime tables, so its CRI server refuses calls for exactly the same window.
/// Thread-safe.
/// </summary>
public sealed class SimulatedNodeFaults(TimeProvider timeProvider, SimulatedCriRuntimeState runtime)
{
    private readonly ConcurrentQueue<InjectedContainerFailure> containerFailures = new();
    private readonly List<ChangeSignal> listeners = [];
    private readonly Lock gate = new();
    private NodeReadinessFault readiness;
    private bool hostOutOfMemory;
    private string? containerdStartError;

    /// <summary>The node's readiness fault.</summary>
    public NodeReadinessFault Readiness
    {
        get
        {
            lock (gate)
            {
                return readiness;
            }
        }
    }

    /// <summary>Whether the host has run out of memory: new utility VMs fail and MemoryPressure is reported.</summary>
    public bool HostOutOfMemory
    {
        get
        {
            lock (gate)
            {
                return hostOutOfMemory;
            }
        }
    }

    /// <summary>Whether containerd (CRI) is down right now because of <see cref="RestartContainerd"/>.</summary>
    public bool IsCriUnavailable => runtime.IsUnavailableAt(timeProvider.GetUtcNow());

    /// <summary>When CRI comes back after the last injected containerd restart.</summary>
    public DateTimeOffset CriAvailableAt => runtime.UnavailableUntil;

    /// <summary>Sets the readiness fault (<see cref="NodeReadinessFault.None"/> heals the node).</summary>
    public void SetReadiness(NodeReadinessFault fault) => Change(() => readiness = fault);

    /// <summary>Why containerd did not come back from its last restart (its configuration was refused); null while it runs.</summary>
    public string? ContainerdStartError
    {
        get
        {
            lock (gate)
            {
                return containerdStartError;
            }
        }
    }

    /// <summary>containerd restarts: CRI is unavailable for <paramref name="downtime"/>; no pod starts meanwhile.</summary>
    public void RestartContainerd(TimeSpan downtime) =>
        Change(() =>
        {
            containerdStartError = null;
            runtime.MarkUnavailableUntil(timeProvider.GetUtcNow() + downtime);
        });

    /// <summary>containerd stopped and refused to start again (<paramref name="error"/>): CRI stays away until a restart succeeds.</summary>
    public void FailContainerdStart(string error) =>
        Change(() =>
        {
            containerdStartError = error;
            runtime.MarkUnavailableUntil(DateTimeOffset.MaxValue);
        });

    /// <summary>Makes the host run out of (or recover) memory.</summary>
    public void SetHostOutOfMemory(bool outOfMemory) => Change(() => hostOutOfMemory = outOfMemory);

    /// <summary>Makes a running container exit with <paramref name="failure"/>'s exit code.</summary>
    public void FailContainer(InjectedContainerFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        containerFailures.Enqueue(failure);
        Change(() => { });
    }

    /// <summary>Takes the pending container failures (the kubelet applies them).</summary>
    internal IReadOnlyList<InjectedContainerFailure> TakeContainerFailures()
    {
        var taken = new List<InjectedContainerFailure>();
        while (containerFailures.TryDequeue(out var failure))
        {
            taken.Add(failure);
        }

        return taken;
    }

    /// <summary>Puts back failures for pods the kubelet does not run yet.</summary>
    internal void Requeue(IEnumerable<InjectedContainerFailure> failures)
    {
        foreach (var failure in failures)
        {
            containerFailures.Enqueue(failure);
        }
    }

    internal void Subscribe(ChangeSignal signal)
    {
        lock (gate)
        {
            listeners.Add(signal);
        }
    }

    private void Change(Action apply)
    {
        ChangeSignal[] wake;
        lock (gate)
        {
            apply();
            wake = [.. listeners];
        }

        foreach (var signal in wake)
        {
            signal.Notify();
        }
    }
}
