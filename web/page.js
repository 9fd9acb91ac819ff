// The page's glue around the visualizer module: starts it, loads the example the URL names
// (or the built-in one) and keeps the URL in step, takes files by drag-and-drop, and exposes
// window.telaState() for tests and scripts. All drawing and logic is in the C++ module.
const status = document.getElementById('status');
const canvas = document.getElementById('canvas');

function resize(viz) {
  // Emscripten 3.1.6's GLFW knows no devicePixelRatio: draw at CSS pixels. (Not through
  // glfwSetWindowSize: at the screen's size it asks for full screen.)
  canvas.style.width = innerWidth + 'px';
  canvas.style.height = innerHeight + 'px';
  viz.setCanvasSize(innerWidth, innerHeight);
}

function state(viz) {
  return JSON.parse(viz.UTF8ToString(viz._tela_viz_state()));
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

// ?example=NAME&algo=A&capacity=N&step=K: what to show, so a link restores the view.
async function loadFromUrl(viz) {
  const params = new URLSearchParams(location.search);
  const example = params.get('example') || 'input.12';
  const algo = params.get('algo') || 'telamalloc';
  const capacity = Number(params.get('capacity') || 0);
  const text = await fetchText(`examples/${encodeURIComponent(example)}.csv`);
  viz.ccall('tela_viz_load_csv', null, ['string', 'string', 'number'], [text, example, capacity]);
  viz.ccall('tela_viz_set_request', null, ['string', 'number', 'number'], [algo, capacity, 10]);
  viz._tela_viz_run();
  viz._tela_viz_seek(Number(params.get('step') || 0));
}

function acceptDrops(viz) {
  addEventListener('dragover', e => { e.preventDefault(); document.body.classList.add('dragging'); });
  addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  addEventListener('drop', async e => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const text = await file.text();
    if (file.name.endsWith('.jsonl')) {
      viz.ccall('tela_viz_load_trace', null, ['string', 'string'], [text, file.name]);
    } else {
      viz.ccall('tela_viz_load_csv', null, ['string', 'string', 'number'], [text, file.name, 0]);
    }
  });
}

async function start() {
  const viz = await createTelaViz({canvas, print: console.log, printErr: console.error});
  viz.callMain([]);
  resize(viz);
  addEventListener('resize', () => resize(viz));
  window.telaState = () => state(viz);
  window.telaViz = viz;
  acceptDrops(viz);
  try {
    await loadFromUrl(viz);
    status.textContent = '';
  } catch (error) {
    status.textContent = String(error);
  }
  // The frame time the module measures itself, for people and tests.
  setInterval(() => { window.telaFrameMs = viz._tela_viz_frame_ms(); }, 500);
}

start();
