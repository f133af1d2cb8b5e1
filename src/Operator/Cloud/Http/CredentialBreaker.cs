namespace NeevCloud.Operator.Cloud;

/// <summary>
/// One breaker for the whole process, because the whole process shares one credential. Once the API refuses a
/// token (401, after the token provider had its chance to renew it), every call fails fast with Unauthorized
/// and without a request — a thousand resources must not each keep asking with a token the API already
/// refused. One probe is let through per interval (30 s, doubling up to 5 min while it keeps being refused),
/// and a different token (a rotated Secret, a new login) is tried at once. Any other answer closes it.
/// </summary>
internal sealed class CredentialBreaker(TimeProvider time)
{
    public static readonly TimeSpan FirstProbe = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SlowestProbe = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Refusal? _open;

    /// <summary>Whether a call with <paramref name="token"/> may go out now; if not, the error to fail with.</summary>
    public NeevCloudApiException? Check(string operation, string? token)
    {
        lock (_gate)
        {
            if (_open is not { } open || token != open.Token)
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (now >= open.NextProbe)
            {
                // This call is the probe; the others keep failing fast until it has answered.
                _open = open with { NextProbe = now + open.Interval };
                return null;
            }

            return new NeevCloudApiException(
                operation, CloudErrorKind.Unauthorized, null, null,
                $"NeevCloud refused the operator's credentials; no call is sent until the next probe in {Seconds(open.NextProbe - now)} s or until the token changes",
                retryAfter: open.NextProbe - now);
        }
    }

    /// <summary>The API answered 401 to <paramref name="token"/> (a renewal did not help).</summary>
    public void Refused(string? token)
    {
        lock (_gate)
        {
            var interval = _open is { } open && open.Token == token
                ? TimeSpan.FromTicks(Math.Min(open.Interval.Ticks * 2, SlowestProbe.Ticks))
                : FirstProbe;
            _open = new Refusal(token, interval, time.GetUtcNow() + interval);
        }
    }

    /// <summary>Any answer but 401: the credentials work.</summary>
    public void Accepted()
    {
        if (Volatile.Read(ref _open) is null)
        {
            return;
        }

        lock (_gate)
        {
            _open = null;
        }
    }

    /// <summary>When the next probe may go out, while the breaker is open.</summary>
    public TimeSpan? UntilNextProbe()
    {
        lock (_gate)
        {
            return _open is { } open ? open.NextProbe - time.GetUtcNow() : null;
        }
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(Math.Max(0, wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Refusal(string? Token, TimeSpan Interval, DateTimeOffset NextProbe)
    {
        public override string ToString() => $"{nameof(Refusal)} {{ Token = ***, NextProbe = {NextProbe:O} }}";
    }
}
