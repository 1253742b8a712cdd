// The 3D arena. World frame (REP-103): x east, y north, z up. three.js is y-up, so a world
// point (x, y, z) is drawn at (x, z, -y), and a yaw about world z is a rotation about three's y.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DRenderer, CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';

const ROBOT_SIZE = 0.08; // the reference robot is an 8 cm cube
const ROBOT_COLOURS = [0xf5a524, 0x4cc9f0, 0xf72585, 0xb5e48c];

const toThree = (x, y, z = 0) => new THREE.Vector3(x, z, -y);

function label(text, className) {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  return new CSS2DObject(el);
}

// Shortest signed difference between two angles, so a robot turning through ±π does not spin.
function angleDelta(from, to) {
  return Math.atan2(Math.sin(to - from), Math.cos(to - from));
}

export class Arena3D {
  constructor(container) {
    this.container = container;
    this.robots = new Map(); // id -> { mesh, target: {x, y, heading} }
    try {
      this.renderer = new THREE.WebGLRenderer({ antialias: true });
    } catch (e) {
      // Without WebGL the rest of the dashboard still works; say so where the view would be.
      this.renderer = null;
      const note = document.createElement('div');
      note.className = 'view-note';
      note.textContent = 'The 3D view needs WebGL, which this browser does not offer. '
        + 'The panels still work.';
      container.appendChild(note);
      return;
    }
    this.renderer.setPixelRatio(window.devicePixelRatio);
    container.appendChild(this.renderer.domElement);
    this.labels = new CSS2DRenderer();
    this.labels.domElement.className = 'label-layer';
    container.appendChild(this.labels.domElement);

    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(0x151a21);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x334455, 1.6));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(3, 8, 4);
    this.scene.add(sun);

    this.camera = new THREE.PerspectiveCamera(45, 1, 0.01, 200);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.maxPolarAngle = Math.PI / 2 - 0.05; // stay above the floor

    // Layers, so each kind of content can be replaced without touching the others.
    this.arenaGroup = new THREE.Group();
    this.overlayGroup = new THREE.Group();
    this.markerGroup = new THREE.Group();
    this.robotGroup = new THREE.Group();
    this.scene.add(this.arenaGroup, this.overlayGroup, this.markerGroup, this.robotGroup);

    this.trail = new THREE.Line(
      new THREE.BufferGeometry(),
      new THREE.LineBasicMaterial({ color: 0xf5a524 }),
    );
    this.trail.frustumCulled = false;
    this.scene.add(this.trail);

    this.mapVisible = true;
    this.clock = new THREE.Clock();
    this.frameArena(4, 3);
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
    this.renderer.setAnimationLoop(() => this.animate());
  }

  resize() {
    if (!this.renderer) return;
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(w, h);
    this.labels.setSize(w, h);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  frameArena(width, height) {
    const size = Math.max(width, height);
    this.controls.target.copy(toThree(width / 2, height / 2));
    // From the south, looking north and down, so north is "up" on the screen as on a map.
    this.camera.position.copy(toThree(width / 2, height / 2 - size * 0.85, size * 0.95));
    this.controls.update();
  }

  // Replaces the static world: floor, walls, boxes, cylinders, objects, floor lines.
  setArena(arena) {
    if (!this.renderer) return;
    clear(this.arenaGroup);
    const { widthM: w, heightM: h } = arena;
    const floor = new THREE.Mesh(
      new THREE.PlaneGeometry(w, h),
      new THREE.MeshStandardMaterial({ color: 0x3a4350, roughness: 0.95 }),
    );
    floor.rotation.x = -Math.PI / 2;
    floor.position.copy(toThree(w / 2, h / 2));
    this.arenaGroup.add(floor);
    this.arenaGroup.add(meterGrid(w, h));

    const solid = (colour) => new THREE.MeshStandardMaterial({ color: colour, roughness: 0.8 });
    for (const wall of arena.walls ?? []) {
      const dx = wall.x2 - wall.x1;
      const dy = wall.y2 - wall.y1;
      const t = wall.thicknessM ?? 0.05;
      const height = wall.heightM ?? 0.3;
      // Lengthen by the thickness so corners of meeting walls close.
      const mesh = new THREE.Mesh(new THREE.BoxGeometry(Math.hypot(dx, dy) + t, height, t), solid(wall.colour));
      mesh.position.copy(toThree((wall.x1 + wall.x2) / 2, (wall.y1 + wall.y2) / 2, height / 2));
      mesh.rotation.y = Math.atan2(dy, dx);
      this.arenaGroup.add(mesh);
    }
    for (const box of arena.boxes ?? []) {
      const height = box.heightM ?? 0.2;
      const mesh = new THREE.Mesh(new THREE.BoxGeometry(box.sizeXM, height, box.sizeYM), solid(box.colour));
      mesh.position.copy(toThree(box.x, box.y, height / 2));
      mesh.rotation.y = box.yawRad ?? 0;
      this.arenaGroup.add(mesh);
    }
    for (const cyl of arena.cylinders ?? []) {
      const height = cyl.heightM ?? 0.3;
      const mesh = new THREE.Mesh(new THREE.CylinderGeometry(cyl.radiusM, cyl.radiusM, height, 32), solid(cyl.colour));
      mesh.position.copy(toThree(cyl.x, cyl.y, height / 2));
      this.arenaGroup.add(mesh);
    }
    for (const line of arena.lines ?? []) this.addFloorLine(line);
    for (const obj of arena.objects ?? []) this.addObject(obj);
    for (const start of arena.starts ?? []) {
      const ring = new THREE.Mesh(
        new THREE.RingGeometry(0.05, 0.065, 32),
        new THREE.MeshBasicMaterial({ color: 0x9aa5b4, transparent: true, opacity: 0.6 }),
      );
      ring.rotation.x = -Math.PI / 2;
      ring.position.copy(toThree(start.x, start.y, 0.003));
      this.arenaGroup.add(ring);
    }
    this.frameArena(w, h);
  }

  // Tape on the floor: a flat strip per segment, just above the floor so it is not z-fighting.
  addFloorLine(line) {
    const material = new THREE.MeshBasicMaterial({ color: line.colour ?? '#000000' });
    const width = line.widthM ?? 0.02;
    for (let i = 1; i < line.points.length; i++) {
      const [x1, y1] = line.points[i - 1];
      const [x2, y2] = line.points[i];
      const strip = new THREE.Mesh(new THREE.PlaneGeometry(Math.hypot(x2 - x1, y2 - y1) + width, width), material);
      strip.rotation.order = 'YXZ';
      strip.rotation.set(-Math.PI / 2, Math.atan2(y2 - y1, x2 - x1), 0);
      strip.position.copy(toThree((x1 + x2) / 2, (y1 + y2) / 2, 0.002));
      this.arenaGroup.add(strip);
    }
  }

  addObject(obj) {
    const colour = obj.colour ?? '#ffffff';
    let mesh;
    let top;
    if (obj.shape === 'pad') {
      mesh = new THREE.Mesh(
        new THREE.CylinderGeometry(obj.radiusM, obj.radiusM, 0.006, 40),
        new THREE.MeshStandardMaterial({ color: colour }),
      );
      mesh.position.copy(toThree(obj.x, obj.y, 0.003));
      top = 0.05;
    } else if (obj.shape === 'ball') {
      mesh = new THREE.Mesh(new THREE.SphereGeometry(obj.radiusM, 24, 16), new THREE.MeshStandardMaterial({ color: colour }));
      mesh.position.copy(toThree(obj.x, obj.y, obj.radiusM));
      top = obj.radiusM * 2 + 0.05;
    } else {
      // Other shapes (a beacon, ...): an upright post of the object's radius.
      const height = Math.max(0.1, obj.radiusM * 4);
      mesh = new THREE.Mesh(
        new THREE.CylinderGeometry(obj.radiusM, obj.radiusM, height, 20),
        new THREE.MeshStandardMaterial({ color: colour, emissive: colour, emissiveIntensity: 0.3 }),
      );
      mesh.position.copy(toThree(obj.x, obj.y, height / 2));
      top = height + 0.05;
    }
    this.arenaGroup.add(mesh);
    const tag = label(obj.label, 'label label-object');
    tag.position.copy(toThree(obj.x, obj.y, top));
    this.arenaGroup.add(tag);
  }

  // Robots from a `state` message; poses become targets that animate() eases towards.
  setRobots(robots) {
    if (!this.renderer) return;
    const seen = new Set();
    robots.forEach((robot, i) => {
      seen.add(robot.id);
      let entry = this.robots.get(robot.id);
      if (!entry) {
        entry = { mesh: makeRobot(ROBOT_COLOURS[i % ROBOT_COLOURS.length]), target: null };
        this.robots.set(robot.id, entry);
        this.robotGroup.add(entry.mesh);
      }
      const jump = !entry.target || Math.hypot(robot.x - entry.target.x, robot.y - entry.target.y) > 0.5;
      entry.target = { x: robot.x, y: robot.y, heading: robot.headingRad };
      if (jump) placeRobot(entry.mesh, entry.target); // a new run or a replay seek: no glide
    });
    for (const [id, entry] of this.robots) {
      if (!seen.has(id)) {
        this.robotGroup.remove(entry.mesh);
        this.robots.delete(id);
      }
    }
  }

  clearRobots() {
    this.setRobots([]);
  }

  setTrail(points) {
    if (!this.renderer) return;
    const positions = new Float32Array(points.length * 3);
    points.forEach(([x, y], i) => positions.set([x, 0.01, -y], i * 3));
    this.trail.geometry.dispose();
    this.trail.geometry = new THREE.BufferGeometry();
    this.trail.geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  }

  // The occupancy grid from a `map` message as a texture on the floor; its objects as markers.
  setMap(map) {
    if (!this.renderer) return;
    clear(this.overlayGroup);
    clear(this.markerGroup);
    if (!map) return;
    if (map.cells && map.cols > 0 && map.rows > 0) this.overlayGroup.add(gridOverlay(map));
    this.overlayGroup.visible = this.mapVisible;
    for (const obj of map.objects ?? []) {
      const pin = new THREE.Mesh(
        new THREE.OctahedronGeometry(0.035),
        new THREE.MeshBasicMaterial({ color: 0xffd166, wireframe: true }),
      );
      pin.position.copy(toThree(obj.x, obj.y, 0.25));
      const stem = new THREE.Line(
        new THREE.BufferGeometry().setFromPoints([toThree(obj.x, obj.y, 0.005), toThree(obj.x, obj.y, 0.22)]),
        new THREE.LineBasicMaterial({ color: 0xffd166 }),
      );
      const conf = obj.confidence == null ? '' : ` ${obj.confidence.toFixed(2)}`;
      const tag = label(`${obj.label}${conf}`, 'label label-detection');
      tag.position.copy(toThree(obj.x, obj.y, 0.3));
      this.markerGroup.add(pin, stem, tag);
    }
  }

  setMapVisible(visible) {
    this.mapVisible = visible;
    if (this.renderer) this.overlayGroup.visible = visible;
  }

  animate() {
    // Ease each robot towards its latest pose; state arrives at up to 15 Hz, frames at 60.
    const k = 1 - Math.exp(-this.clock.getDelta() * 12);
    for (const { mesh, target } of this.robots.values()) {
      if (!target) continue;
      mesh.position.x += (target.x - mesh.position.x) * k;
      mesh.position.z += (-target.y - mesh.position.z) * k;
      mesh.rotation.y += angleDelta(mesh.rotation.y, target.heading) * k;
    }
    this.controls.update();
    this.renderer.render(this.scene, this.camera);
    this.labels.render(this.scene, this.camera);
  }
}

function placeRobot(mesh, pose) {
  mesh.position.copy(toThree(pose.x, pose.y, 0));
  mesh.rotation.y = pose.heading;
}

// An 8 cm cube with a cone pointing along its heading (+x in the robot's frame). At 8 cm it is
// a speck in a room, so a ring and an arrow on the floor make it and its heading easy to find.
function makeRobot(colour) {
  const robot = new THREE.Group();
  const body = new THREE.Mesh(
    new THREE.BoxGeometry(ROBOT_SIZE, ROBOT_SIZE, ROBOT_SIZE),
    new THREE.MeshStandardMaterial({ color: colour, roughness: 0.5 }),
  );
  body.position.y = ROBOT_SIZE / 2;
  const nose = new THREE.Mesh(
    new THREE.ConeGeometry(0.025, 0.07, 16),
    new THREE.MeshStandardMaterial({ color: 0xffffff, emissive: 0x444444 }),
  );
  nose.rotation.z = -Math.PI / 2; // the cone's tip from +y to +x
  nose.position.set(ROBOT_SIZE / 2 + 0.035, ROBOT_SIZE / 2, 0);
  const flat = new THREE.MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.85, side: THREE.DoubleSide, depthWrite: false });
  const ring = new THREE.Mesh(new THREE.RingGeometry(0.11, 0.13, 40), flat);
  const arrow = new THREE.Mesh(new THREE.ShapeGeometry(new THREE.Shape([
    new THREE.Vector2(0.14, -0.05), new THREE.Vector2(0.24, 0), new THREE.Vector2(0.14, 0.05),
  ])), flat);
  for (const mark of [ring, arrow]) {
    mark.rotation.x = -Math.PI / 2; // the shape's +y onto world north in the robot's frame
    mark.position.y = 0.006;
  }
  robot.add(body, nose, ring, arrow);
  return robot;
}

// Lines every metre across the floor, for judging distances.
function meterGrid(w, h) {
  const points = [];
  for (let x = 1; x < w; x++) points.push(toThree(x, 0, 0.001), toThree(x, h, 0.001));
  for (let y = 1; y < h; y++) points.push(toThree(0, y, 0.001), toThree(w, y, 0.001));
  return new THREE.LineSegments(
    new THREE.BufferGeometry().setFromPoints(points),
    new THREE.LineBasicMaterial({ color: 0x56606e, transparent: true, opacity: 0.5 }),
  );
}

// Unknown cells stay transparent, free cells light, occupied cells dark.
function gridOverlay(map) {
  const { cols, rows } = map;
  const bytes = Uint8Array.from(atob(map.cells), (c) => c.charCodeAt(0));
  const canvas = document.createElement('canvas');
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(cols, rows);
  const n = Math.min(bytes.length, cols * rows);
  for (let i = 0; i < n; i++) {
    const rgba = bytes[i] === 1 ? [210, 230, 255, 90] : bytes[i] === 2 ? [10, 12, 18, 215] : [0, 0, 0, 0];
    image.data.set(rgba, i * 4);
  }
  ctx.putImageData(image, 0, 0);
  const texture = new THREE.CanvasTexture(canvas);
  texture.magFilter = THREE.NearestFilter;
  texture.colorSpace = THREE.SRGBColorSpace;
  const w = cols * map.resolutionM;
  const h = rows * map.resolutionM;
  // Canvas row 0 is the top of the texture, which the rotation below turns north, as the
  // contract's row 0 is.
  const plane = new THREE.Mesh(
    new THREE.PlaneGeometry(w, h),
    new THREE.MeshBasicMaterial({ map: texture, transparent: true, depthWrite: false }),
  );
  plane.rotation.x = -Math.PI / 2;
  plane.position.copy(toThree((map.originXM ?? 0) + w / 2, (map.originYM ?? 0) + h / 2, 0.004));
  return plane;
}

// Removes a group's children and frees what they hold on the GPU.
function clear(group) {
  for (const child of [...group.children]) {
    group.remove(child);
    child.traverse((o) => {
      o.geometry?.dispose();
      const material = o.material;
      if (material) {
        material.map?.dispose();
        material.dispose();
      }
      if (o.isCSS2DObject) o.element.remove();
    });
  }
}
