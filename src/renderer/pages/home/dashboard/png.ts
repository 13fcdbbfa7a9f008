/** Saves a chart as PNG: its SVG drawn on a canvas (white, at twice the size),
 *  with the title and the legend above it, since those are HTML, not SVG. */
export async function chartToPng(
  container: HTMLElement,
  options: { title: string; stamp: string; legend: Array<{ name: string; color: string }>; fileName: string },
): Promise<Blob> {
  const svg = container.querySelector('svg.recharts-surface') as SVGSVGElement | null;
  if (!svg) throw new Error('no chart to save');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', getComputedStyle(container).fontFamily || 'sans-serif');
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const scale = 2;
  const header = 48;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + header) * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height + header);
  const font = getComputedStyle(container).fontFamily || 'sans-serif';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `600 13px ${font}`;
  ctx.fillText(options.title, 8, 17);
  ctx.fillStyle = '#8c8c8c';
  ctx.font = `11px ${font}`;
  ctx.fillText(options.stamp, 8, 32);
  let x = 8;
  for (const item of options.legend) {
    ctx.fillStyle = item.color;
    ctx.fillRect(x, 38, 10, 8);
    ctx.fillStyle = '#595959';
    ctx.fillText(item.name, x + 14, 46);
    x += ctx.measureText(item.name).width + 28;
  }
  ctx.drawImage(image, 0, header, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas'))), 'image/png'),
  );
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
