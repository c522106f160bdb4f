import { Ticket, TicketJoin } from '../../src/backpressure/Ticket';

const counted = (): { ticket: Ticket; calls: Ticket[] } => {
  const calls: Ticket[] = [];
  const ticket = new Ticket((t) => calls.push(t));
  return { ticket, calls };
};

describe('Ticket', () => {
  it('should start unresolved and resolve once', () => {
    const { ticket, calls } = counted();
    expect(ticket.resolved).toBe(false);
    ticket.resolve();
    expect(ticket.resolved).toBe(true);
    expect(calls).toEqual([ticket]);
    ticket.resolve();
    ticket.resolve();
    expect(calls).toHaveLength(1);
  });

  it('should carry its bytes, coordinates and issue time', () => {
    const coordinates = { topic: 't', partition: 3, offset: '42', generation: 2 };
    const ticket = new Ticket(undefined, 17, coordinates, 1234);
    expect(ticket.bytes).toBe(17);
    expect(ticket.coordinates).toEqual(coordinates);
    expect(ticket.issuedAt).toBe(1234);
    expect(new Ticket(undefined).bytes).toBe(0);
    expect(new Ticket(undefined).coordinates).toBeUndefined();
  });

  it('should resolve a ticket without a callback', () => {
    const ticket = new Ticket(undefined);
    ticket.resolve();
    expect(ticket.resolved).toBe(true);
  });

  it('should mark the callback as done before calling it (no re-entrant second call)', () => {
    let calls = 0;
    const ticket: Ticket = new Ticket(() => {
      calls++;
      ticket.resolve();
    });
    ticket.resolve();
    expect(calls).toBe(1);
  });

  describe('free', () => {
    it('should be born resolved and stay harmless', () => {
      expect(Ticket.free.resolved).toBe(true);
      Ticket.free.resolve();
      expect(Ticket.free.resolved).toBe(true);
      expect(Ticket.free.bytes).toBe(0);
    });
  });

  describe('all', () => {
    it('should give the free ticket for no tickets', () => {
      expect(Ticket.all([])).toBe(Ticket.free);
    });

    it('should give the free ticket when every ticket is already resolved', () => {
      const a = counted();
      const b = counted();
      a.ticket.resolve();
      b.ticket.resolve();
      expect(Ticket.all([a.ticket, b.ticket, Ticket.free])).toBe(Ticket.free);
    });

    it('should give the one open ticket itself', () => {
      const a = counted();
      const b = counted();
      a.ticket.resolve();
      expect(Ticket.all([a.ticket, b.ticket, Ticket.free])).toBe(b.ticket);
    });

    it('should resolve every member when the joint ticket is resolved, once each', () => {
      const members = [counted(), counted(), counted()];
      const joint = Ticket.all(members.map((m) => m.ticket));
      expect(members.map((m) => m.ticket.resolved)).toEqual([false, false, false]);
      joint.resolve();
      expect(members.map((m) => m.ticket.resolved)).toEqual([true, true, true]);
      joint.resolve();
      expect(members.map((m) => m.calls.length)).toEqual([1, 1, 1]);
    });

    it('should leave out tickets resolved before it was made', () => {
      const done = counted();
      done.ticket.resolve();
      const open1 = counted();
      const open2 = counted();
      Ticket.all([done.ticket, open1.ticket, open2.ticket]).resolve();
      expect(done.calls).toHaveLength(1);
      expect(open1.calls).toHaveLength(1);
      expect(open2.calls).toHaveLength(1);
    });

    it('should not resolve a member twice when it was resolved on its own in between', () => {
      const a = counted();
      const b = counted();
      const joint = Ticket.all([a.ticket, b.ticket]);
      a.ticket.resolve();
      expect(joint.resolved).toBe(false);
      joint.resolve();
      expect(a.calls).toHaveLength(1);
      expect(b.calls).toHaveLength(1);
    });

    it('should nest', () => {
      const leaves = [counted(), counted(), counted(), counted()];
      const left = Ticket.all([leaves[0]!.ticket, leaves[1]!.ticket]);
      const right = Ticket.all([leaves[2]!.ticket, leaves[3]!.ticket]);
      Ticket.all([left, right]).resolve();
      expect(leaves.every((l) => l.calls.length === 1)).toBe(true);
    });
  });
});

describe('TicketJoin', () => {
  it('should resolve the parent only once sealed and every child is resolved', () => {
    const parent = counted();
    const join = new TicketJoin(parent.ticket);
    const c1 = join.child();
    const c2 = join.child();
    c1.resolve();
    expect(parent.ticket.resolved).toBe(false);
    c2.resolve();
    // all children resolved, but more may come: not yet
    expect(parent.ticket.resolved).toBe(false);
    const c3 = join.child();
    join.seal();
    expect(parent.ticket.resolved).toBe(false);
    c3.resolve();
    expect(parent.ticket.resolved).toBe(true);
    expect(parent.calls).toHaveLength(1);
  });

  it('should resolve the parent at the seal when the children are already resolved', () => {
    const parent = counted();
    const join = new TicketJoin(parent.ticket);
    join.child().resolve();
    join.child().resolve();
    expect(parent.ticket.resolved).toBe(false);
    join.seal();
    expect(parent.ticket.resolved).toBe(true);
  });

  it('should resolve the parent at once when sealed without children', () => {
    const parent = counted();
    new TicketJoin(parent.ticket).seal();
    expect(parent.ticket.resolved).toBe(true);
  });

  it('should count a child resolved twice only once', () => {
    const parent = counted();
    const join = new TicketJoin(parent.ticket);
    const c1 = join.child();
    const c2 = join.child();
    join.seal();
    c1.resolve();
    c1.resolve();
    expect(parent.ticket.resolved).toBe(false);
    c2.resolve();
    expect(parent.ticket.resolved).toBe(true);
    expect(parent.calls).toHaveLength(1);
  });

  it('should hand out free tickets once the parent is resolved', () => {
    const parent = counted();
    const join = new TicketJoin(parent.ticket);
    join.seal();
    expect(join.child()).toBe(Ticket.free);
    const other = counted();
    other.ticket.resolve();
    expect(new TicketJoin(other.ticket).child()).toBe(Ticket.free);
  });

  it('should resolve the parent only once when sealed twice', () => {
    const parent = counted();
    const join = new TicketJoin(parent.ticket);
    join.seal();
    join.seal();
    expect(parent.calls).toHaveLength(1);
  });
});
