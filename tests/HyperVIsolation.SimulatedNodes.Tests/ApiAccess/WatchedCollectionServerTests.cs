using System.Runtime.CompilerServices;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.SimulatedNodes.ApiAccess;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.SimulatedNodes.Tests.ApiAccess;

/// <summary>The cache against the local API server: history compacted while its watch was away.</summary>
public sealed class WatchedCollectionServerTests
{
    [Fact]
    public async Task RunAsync_HistoryCompactedWhileWatchAway_RelistsAndMatchesTheServer()
    {
        await using var server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        using var client = server.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"before-{i}"), "default");
        }

        var watchAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watchAllowed.SetResult();
        var watchesStarted = 0;
        var watchEvents = 0;
        using var signal = new ChangeSignal();
        var pods = new WatchedCollection<V1Pod>(
            "pods",
            async ct => await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => GatedAsync(() => { Interlocked.Increment(ref watchesStarted); return watchAllowed.Task; }, () => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), () => Interlocked.Increment(ref watchEvents), ct),
            ObjectKeys.Uid, signal, TimeSpan.FromMilliseconds(50), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var loop = pods.RunAsync(stop.Token);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("live"), "default");
        await WaitUntilAsync(() => pods.Items().Any(p => p.Metadata.Name == "live"));

        // Something (an event or a bookmark) came through the watch: it is open on the server, so dropping it ends it.
        await WaitUntilAsync(() => Volatile.Read(ref watchEvents) > 0);

        // The watch is dropped and held back while pods change and history is compacted: it comes back to a 410.
        watchAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Volatile.Read(ref watchesStarted);
        server.Faults.DropAllWatches();

        // Whether the drop looked like a normal end or a broken stream (which relists first), the next watch now waits.
        await WaitUntilAsync(() => Volatile.Read(ref watchesStarted) > started);
        var listsBefore = pods.Lists;
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.DeleteNamespacedPodAsync($"before-{i}", "default", body: new V1DeleteOptions { GracePeriodSeconds = 0 });
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"after-{i}"), "default");
        }

        server.Faults.CompactHistory();
        watchAllowed.SetResult();
        await WaitUntilAsync(() => pods.Lists > listsBefore);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("after-relist"), "default");
        await WaitUntilAsync(() => pods.Items().Any(p => p.Metadata.Name == "after-relist"));

        var truth = (await client.CoreV1.ListPodForAllNamespacesAsync()).Items.Select(p => p.Metadata.Name);
        pods.Items().Select(p => p.Metadata.Name).Should().BeEquivalentTo(truth);
        pods.Items().Should().NotContain(p => p.Metadata.Name == "before-0", "its deletion happened while the watch was away");
        await stop.CancelAsync();
        await loop;
    }

    private static async IAsyncEnumerable<(WatchEventType, V1Pod)> GatedAsync(
        Func<Task> allowed, Func<IAsyncEnumerable<(WatchEventType, V1Pod)>> startWatch, Action received, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The watch request is only made once allowed, so it asks for a version that may be compacted by then.
        await allowed().WaitAsync(cancellationToken);
        await foreach (var item in startWatch().WithCancellation(cancellationToken))
        {
            received();
            yield return item;
        }
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the collection should have got there");
    }
}
