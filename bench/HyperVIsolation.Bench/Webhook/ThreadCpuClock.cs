using System.Runtime.InteropServices;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a shared machine wall time
/// includes waiting for a core, and the process's CPU time includes the in-process API server and
/// informers; this counts only the handler's own thread.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    /// <summary>The thread's CPU time so far, or <see langword="null"/> where the clock is not available.</summary>
    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuTimeId, out var value) != 0)
        {
            return null;
        }

        return TimeSpan.FromTicks((value.Seconds * TimeSpan.TicksPerSecond) + (value.Nanoseconds / 100));
    }

    // DllImport, not LibraryImport: the struct is blittable and the bench does not allow unsafe code.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
