using System.Globalization;
using System.Text;

namespace Intake.Core.Export;

/// <summary>One submission of an export: its list line and, when it could be read, the person's contact details.</summary>
/// <param name="Line">The line on its list.</param>
/// <param name="Contact">How to reach the person (<c>null</c> when the submission went while the export ran).</param>
public sealed record ExportRow(WorklistItem Line, Contact? Contact);
