using System.Globalization;
using System.Text;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Running;

/// <summary>Every fault and operation of a run in order, and the faults injected per kind. Thread-safe.</summary>
public sealed class FaultLog
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private readonly Dictionary<FaultKind, int> injected = Enum.GetValues<FaultKind>().ToDictionary(kind => kind, _ => 0);
    private readonly Dictionary<FaultKind, int> skipped = Enum.GetValues<FaultKind>().ToDictionary(kind => kind, _ => 0);

    /// <summary>Faults injected per kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<FaultKind, int>(injected);
            }
        }
    }

    /// <summary>Planned faults that could not be injected when their time came (a leader kill while no replica led).</summary>
    public IReadOnlyDictionary<FaultKind, int> Skipped
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<FaultKind, int>(skipped);
            }
        }
    }

    /// <summary>All faults injected.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return injected.Values.Sum();
            }
        }
    }

    /// <summary>Notes a fault, injected or skipped.</summary>
    public void Fault(TimeSpan elapsed, int round, ScheduledFault fault, bool applied)
    {
        lock (gate)
        {
            (applied ? injected : skipped)[fault.Kind]++;
            lines.Add(Line(elapsed, round, (applied ? string.Empty : "skipped ") + fault.Describe()));
        }
    }

    /// <summary>Notes anything else that happened (an operation, a round's end).</summary>
    public void Note(TimeSpan elapsed, int round, string text)
    {
        lock (gate)
        {
            lines.Add(Line(elapsed, round, text));
        }
    }

    /// <summary>The log, one line per entry; the last <paramref name="max"/> lines when it is longer.</summary>
    public string Render(int max = int.MaxValue)
    {
        lock (gate)
        {
            var text = new StringBuilder();
            if (lines.Count > max)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"... {lines.Count - max} earlier lines");
            }

            foreach (var line in lines.Skip(Math.Max(0, lines.Count - max)))
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    private static string Line(TimeSpan elapsed, int round, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds,8:F2}s r{round,-3} {text}");
}
