// Touch on the canvas, as a mouse: one finger taps and drags as the left button does (a tap
// presses a button, a drag pans the canvas or moves a slider), two fingers pinch to zoom about
// their midpoint as wheel notches do. Emscripten 3.1.6's GLFW takes touch events but moves no
// cursor for them (Browser.calculateMouseEvent reads a `touch` field only SDL sets), so a drag
// did nothing and a press landed where the mouse last was. Here the touches are taken before
// GLFW sees them and handed on as the mouse events it reads; the page neither scrolls nor zooms
// under the fingers.

const kPixelsPerNotch = 100;       // a wheel notch in pixels, as viz/model/view.h reads it
const kZoomPerNotch = Math.log(1.2);  // kZoomPerNotch there

export function installTouch(canvas) {
  // The one finger that acts as the mouse. Its press waits until it moves (a drag) or lifts (a
  // tap): a second finger landing first makes a pinch, not a click where the first one touched.
  let finger = null;  // {id, x, y, startX, startY, pressed, moveLater}
  let pinch = null;   // {distance} while two fingers are down

  const mouse = (type, x, y, buttons) => canvas.dispatchEvent(new MouseEvent(type, {
    clientX: x, clientY: y, button: 0, buttons, bubbles: true, cancelable: true, view: window}));
  const spread = touches => {
    const [a, b] = touches;
    return {x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2,
            distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY)};
  };
  const press = (x, y) => {
    finger.pressed = true;
    mouse('mousedown', x, y, 1);
  };
  const lift = () => {  // a drag ends where the finger last was; an unpressed one is dropped
    if (finger?.pressed) mouse('mouseup', finger.x, finger.y, 0);
    finger = null;
  };
  const own = e => {  // only the canvas's touches, kept from GLFW and from the page's scrolling
    if (e.target !== canvas) return false;
    e.preventDefault();
    e.stopImmediatePropagation();
    return true;
  };

  const onStart = e => {
    if (!own(e)) return;
    if (e.touches.length === 1 && !pinch) {
      const t = e.touches[0];
      finger = {id: t.identifier, x: t.clientX, y: t.clientY, startX: t.clientX, startY: t.clientY, pressed: false};
      mouse('mousemove', t.clientX, t.clientY, 0);  // hovered first, as a mouse arrives
    } else if (e.touches.length >= 2) {
      lift();
      const s = spread(e.touches);
      pinch = {distance: s.distance};
      mouse('mousemove', s.x, s.y, 0);
    }
  };
  const onMove = e => {
    if (!own(e)) return;
    if (pinch && e.touches.length >= 2) {
      const s = spread(e.touches);
      mouse('mousemove', s.x, s.y, 0);
      if (pinch.distance > 0 && s.distance > 0) {
        // Fingers apart zoom in: a wheel turned up, by as many notches as the spread grew.
        const notches = Math.log(s.distance / pinch.distance) / kZoomPerNotch;
        canvas.dispatchEvent(new WheelEvent('wheel', {clientX: s.x, clientY: s.y, deltaY: -notches * kPixelsPerNotch,
                                                      deltaMode: 0, bubbles: true, cancelable: true, view: window}));
      }
      pinch.distance = s.distance;
      return;
    }
    const t = [...e.changedTouches].find(t => finger && t.identifier === finger.id);
    if (!t) return;
    finger.x = t.clientX;
    finger.y = t.clientY;
    if (!finger.pressed) {
      // Pressed where the finger landed, and moved only after a frame has seen the press
      // there: a frame sees one pointer position, so a move in the same frame would put the
      // press where the finger had got to (on the slider above, say).
      press(finger.startX, finger.startY);
      finger.moveLater = true;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (!finger?.moveLater) return;
        finger.moveLater = false;
        mouse('mousemove', finger.x, finger.y, 1);
      }));
      return;
    }
    if (!finger.moveLater) mouse('mousemove', t.clientX, t.clientY, 1);
  };
  const onEnd = e => {
    if (!own(e)) return;
    if (pinch) {
      if (e.touches.length < 2) pinch = null;  // a finger left on the glass does nothing more
      return;
    }
    if (finger && !finger.pressed) press(finger.x, finger.y);  // a tap
    lift();
  };
  // The browser took the touch back (a system gesture, a palm, an alert): no tap. A drag
  // already under way ends where the finger last was, as a lifted one does.
  const onCancel = e => {
    if (!own(e)) return;
    if (pinch) {
      if (e.touches.length < 2) pinch = null;
      return;
    }
    lift();
  };

  // On the window, in the capture phase: before the canvas's own listeners (GLFW's).
  for (const [type, handler] of [['touchstart', onStart], ['touchmove', onMove], ['touchend', onEnd],
                                 ['touchcancel', onCancel]])
    addEventListener(type, handler, {capture: true, passive: false});
  canvas.style.touchAction = 'none';  // no page scroll or zoom under the fingers
}
