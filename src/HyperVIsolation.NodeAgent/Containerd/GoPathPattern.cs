namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Go's <c>path.Match</c>, which containerd uses to test annotation keys against a handler's
/// <c>pod_annotations</c>/<c>container_annotations</c>: <c>*</c> matches any run of characters except
/// <c>/</c>, <c>?</c> one character except <c>/</c>, <c>[a-z]</c>/<c>[^a-z]</c> a class, <c>\</c>
/// escapes. The whole key must match. So <c>io.microsoft.virtualmachine.*</c> is a prefix match for
/// keys without a slash. containerd ignores malformed patterns, so they match nothing here.
/// </summary>
public static class GoPathPattern
{
    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return Match(pattern, name);
    }

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case '*':
                    return MatchStar(pattern[1..], name);
                case '?':
                    if (name.IsEmpty || name[0] == '/')
                    {
                        return false;
                    }

                    break;
                case '[':
                    if (name.IsEmpty || !MatchClass(ref pattern, name[0]))
                    {
                        return false;
                    }

                    name = name[1..];
                    continue;
                case '\\':
                    if (pattern.Length < 2 || name.IsEmpty || name[0] != pattern[1])
                    {
                        return false;
                    }

                    pattern = pattern[1..];
                    break;
                default:
                    if (name.IsEmpty || name[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.IsEmpty;
    }

    // The star may swallow 0..n characters, never a '/'.
    private static bool MatchStar(ReadOnlySpan<char> rest, ReadOnlySpan<char> name)
    {
        for (var taken = 0; ; taken++)
        {
            if (Match(rest, name[taken..]))
            {
                return true;
            }

            if (taken >= name.Length || name[taken] == '/')
            {
                return false;
            }
        }
    }

    // On entry pattern[0] is '['; on success pattern is advanced past the closing ']'.
    private static bool MatchClass(ref ReadOnlySpan<char> pattern, char c)
    {
        var rest = pattern[1..];
        var negated = !rest.IsEmpty && rest[0] == '^';
        if (negated)
        {
            rest = rest[1..];
        }

        var matched = false;
        var ranges = 0;
        while (true)
        {
            if (!rest.IsEmpty && rest[0] == ']' && ranges > 0)
            {
                rest = rest[1..];
                break;
            }

            if (!TryReadClassChar(ref rest, out var low))
            {
                return false;
            }

            var high = low;
            if (!rest.IsEmpty && rest[0] == '-')
            {
                rest = rest[1..];
                if (!TryReadClassChar(ref rest, out high))
                {
                    return false;
                }
            }

            matched |= low <= c && c <= high;
            ranges++;
        }

        pattern = rest;
        return matched != negated;
    }

    private static bool TryReadClassChar(ref ReadOnlySpan<char> rest, out char value)
    {
        value = default;
        if (rest.IsEmpty || rest[0] is '-' or ']')
        {
            return false;
        }

        if (rest[0] == '\\')
        {
            rest = rest[1..];
            if (rest.IsEmpty)
            {
                return false;
            }
        }

        value = rest[0];
        rest = rest[1..];
        return true;
    }
}
