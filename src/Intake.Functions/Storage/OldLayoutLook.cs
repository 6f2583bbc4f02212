namespace Intake.Functions.Storage;

/// <summary>
/// Whether a table may still hold rows of a layout this version no longer writes (until a migration
/// pass has moved them): one look for any such row, kept for an hour while some remain, and for good
/// once none does. Nothing writes the old layout again, so a store need not look again, and a new
/// store makes no extra read at all. A look that fails is not known: the next caller looks again and
/// this one is told the old rows may remain, which is always safe.
/// </summary>
/// <param name="anyOldRow">The look itself: true when at least one row of the old layout is there.</param>
internal sealed class OldLayoutLook(Func<CancellationToken, Task<bool>> anyOldRow)
{
    /// <summary>How long a look that found old rows holds before the next one.</summary>
    private const long HoldMilliseconds = 60 * 60 * 1000;

    private readonly Lock _lock = new();
    private Task<bool>? _look;
    private long _holdsUntil;
    private volatile bool _gone;

    /// <summary>Whether rows of the old layout may remain.</summary>
    public Task<bool> MayRemainAsync(CancellationToken cancellationToken)
    {
        if (_gone)
        {
            return Task.FromResult(false);
        }
        lock (_lock)
        {
            if (_look is null || (_look.IsCompleted && Environment.TickCount64 > _holdsUntil))
            {
                _holdsUntil = Environment.TickCount64 + HoldMilliseconds;
                _look = LookAsync(cancellationToken);
            }
            return _look;
        }
    }

    private async Task<bool> LookAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await anyOldRow(cancellationToken))
            {
                return true;
            }
            _gone = true;
            return false;
        }
        catch
        {
            lock (_lock)
            {
                _look = null;
            }
            return true;
        }
    }
}
