using k8s.LeaderElection;

namespace HyperVIsolation.ControllerRuntime.Tests.Leadership;

/// <summary>An in-memory Lease another replica can steal or release.</summary>
internal sealed class FakeLeaseLock(string identity) : ILock
{
    private readonly Lock _lock = new();
    private LeaderElectionRecord? _record;

    public string Identity { get; } = identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // The elector treats a missing record like a 404: it creates one.
            return Task.FromResult(_record is null ? null! : Copy(_record));
        }
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_record?.HolderIdentity is not null)
            {
                return Task.FromResult(false);
            }

            _record = Copy(record);
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_record?.HolderIdentity is { } holder && holder != record.HolderIdentity && holder != Identity)
            {
                return Task.FromResult(false);
            }

            _record = Copy(record);
            return Task.FromResult(true);
        }
    }

    public string Describe() => "fake lease";

    /// <summary>Another replica takes the lease (for example after a network partition healed).</summary>
    public void Steal(string other)
    {
        lock (_lock)
        {
            _record = new LeaderElectionRecord
            {
                HolderIdentity = other,
                AcquireTime = DateTime.UtcNow,
                RenewTime = DateTime.UtcNow,
                LeaseDurationSeconds = 60,
            };
        }
    }

    /// <summary>The other replica leaves, deleting the lease.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _record = null;
        }
    }

    private static LeaderElectionRecord Copy(LeaderElectionRecord record) => new()
    {
        HolderIdentity = record.HolderIdentity,
        AcquireTime = record.AcquireTime,
        RenewTime = record.RenewTime,
        LeaseDurationSeconds = record.LeaseDurationSeconds,
        LeaderTransitions = record.LeaderTransitions,
    };
}
