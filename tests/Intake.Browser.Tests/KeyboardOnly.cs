using Microsoft.Playwright;

namespace Intake.Browser.Tests;

/// <summary>
/// A person who uses the keyboard alone: Tab to reach a control (never a mouse click, never a
/// programmatic focus), Space and the arrow keys to choose, Enter to press, typing to fill.
/// Every step fails with a message naming the control it could not reach.
/// </summary>
public static class KeyboardOnly
{
    /// <summary>The most Tab presses to reach a control before giving up (a page's whole tab order is shorter).</summary>
    private const int MaxTabs = 120;

    /// <summary>True when the focus is on <paramref name="target"/> or inside it.</summary>
    public static Task<bool> HasFocusAsync(ILocator target) =>
        target.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)");

    /// <summary>Presses Tab until the focus is on (or inside) <paramref name="target"/>.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, string what)
    {
        await target.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        for (var presses = 0; presses <= MaxTabs; presses++)
        {
            if (await HasFocusAsync(target))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : 'nothing'; }");
        throw new InvalidOperationException($"{what} cannot be reached with the Tab key ({MaxTabs} presses; the focus ended on {focused}).");
    }

    /// <summary>Tabs into the radio group and moves to <paramref name="option"/> with the arrow keys (Space when the focus is already there).</summary>
    public static async Task ChooseRadioAsync(IPage page, ILocator group, ILocator option, string what)
    {
        await TabToAsync(page, group, what);
        var count = await group.GetByRole(AriaRole.Radio).CountAsync();
        for (var moves = 0; moves <= count; moves++)
        {
            if (await HasFocusAsync(option))
            {
                if (!await option.IsCheckedAsync())
                {
                    await page.Keyboard.PressAsync("Space");
                }
                await Assertions.Expect(option).ToBeCheckedAsync();
                return;
            }
            await page.Keyboard.PressAsync("ArrowDown");
        }
        throw new InvalidOperationException($"The arrow keys never reached the option of {what}.");
    }

    /// <summary>Tabs to a checkbox and ticks it with Space.</summary>
    public static async Task CheckAsync(IPage page, ILocator checkbox, string what)
    {
        await TabToAsync(page, checkbox, what);
        if (!await checkbox.IsCheckedAsync())
        {
            await page.Keyboard.PressAsync("Space");
        }
        await Assertions.Expect(checkbox).ToBeCheckedAsync();
    }

    /// <summary>Tabs to a text field, clears it (Ctrl+A) and types <paramref name="text"/>.</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string text, string what)
    {
        await TabToAsync(page, field, what);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a button and presses Enter.</summary>
    public static async Task PressAsync(IPage page, ILocator button, string what)
    {
        await TabToAsync(page, button, what);
        await page.Keyboard.PressAsync("Enter");
    }
}
