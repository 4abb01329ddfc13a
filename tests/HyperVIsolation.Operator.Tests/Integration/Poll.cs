namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>Polls until a condition holds, failing with what was last seen when it never does.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            try
            {
                last = await read();
                if (condition(last))
                {
                    return last;
                }
            }
            catch (k8s.Autorest.HttpOperationException) when (DateTime.UtcNow < deadline)
            {
                last = default!;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}; last seen: {Describe(last)}");
            }

            await Task.Delay(100);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        string text => text,
        _ => k8s.KubernetesJson.Serialize(value),
    };
}
