package dev.cwo.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, each as wide as its
 * widest cell, two spaces apart. Control characters in cells (a tab or newline in an operation or
 * thread name) are shown as Java escapes so that each row stays one aligned line. Not thread-safe;
 * build, render, discard.
 */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] shown = new String[columns];
    for (int c = 0; c < columns; c++) {
      shown[c] = printable(cells[c]);
    }
    rows.add(shown);
    return this;
  }

  static String printable(String cell) {
    StringBuilder out = null;
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      if (Character.isISOControl(ch)) {
        if (out == null) {
          out = new StringBuilder(cell.substring(0, i));
        }
        switch (ch) {
          case '\t' -> out.append("\\t");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          default -> out.append(String.format("\\u%04x", (int) ch));
        }
      } else if (out != null) {
        out.append(ch);
      }
    }
    return out == null ? cell : out.toString();
  }

  List<String> render() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(widths[c] - row[c].length());
        line.append(c == 0 ? row[c] + pad : pad + row[c]);
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
